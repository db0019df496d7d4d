/** Programs named python that are not a Python: running them harms the session or proves nothing. */
export const PYTHON_STUBS = {
  /**
   * macOS without the Command Line Tools: /usr/bin/python3 is a shim that opens an install dialog and prints this.
   * Source: Apple, "Installing the command line tools" (https://developer.apple.com/documentation/xcode/installing-the-command-line-tools/).
   */
  xcode: {
    text: 'xcode-select: note: No developer tools were found, requesting install.',
    /** Where the tools live once installed; xcode-select keeps its choice as a link at the second path. */
    toolsDir: '/Library/Developer/CommandLineTools',
    selectLink: '/var/db/xcode_select_link',
  },
  /**
   * Windows: python.exe / python3.exe in %LOCALAPPDATA%\Microsoft\WindowsApps are App Execution Aliases to the
   * Microsoft Store until a Python is installed from it; they exit 9009 with this text.
   * Source: https://learn.microsoft.com/en-us/windows/python/faqs ("Why does running python.exe open the Microsoft Store?").
   */
  storeAlias: {
    /** The start of the message; its end (where to disable the alias in Settings) changed between Windows versions. */
    text: 'Python was not found; run without arguments to install from the Microsoft Store',
    exitCode: 9009,
    /** The redirector the alias points at while no Store Python is installed. */
    redirector: 'AppInstallerPythonRedirector.exe',
    /** A Store Python leaves its package folder beside the aliases. */
    packagePrefix: 'PythonSoftwareFoundation.Python.',
  },
} as const;
