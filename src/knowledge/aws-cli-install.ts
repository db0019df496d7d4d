import { keepWindowsSwitches, shellOf, type ShellWhere } from './shell.js';

/**
 * How to install or update AWS CLI v2, per install method.
 * Source: AWS CLI user guide, "Installing or updating to the latest version of the AWS CLI"
 * (docs.aws.amazon.com/cli/latest/userguide/getting-started-install.html).
 */
export const CLI_INSTALL_GUIDE = 'https://docs.aws.amazon.com/cli/latest/userguide/getting-started-install.html';

export type CliInstallMethod = 'installer' | 'homebrew' | 'debian' | 'pip' | 'unknown';

/** Update commands for an existing v2 install; empty when only the guide applies. */
export function cliUpdateCommands(method: CliInstallMethod, where: ShellWhere, arch: string): string[] {
  const { platform } = where;
  if (method === 'homebrew') return ['brew upgrade awscli'];
  if (method === 'installer' && platform === 'linux') {
    const zip = arch === 'arm64' ? 'awscli-exe-linux-aarch64.zip' : 'awscli-exe-linux-x86_64.zip';
    return [`curl "https://awscli.amazonaws.com/${zip}" -o awscliv2.zip`, 'unzip -q awscliv2.zip', 'sudo ./aws/install --update'];
  }
  if (method === 'installer' && platform === 'win32') return [`${keepWindowsSwitches(shellOf(where))}msiexec.exe /i https://awscli.amazonaws.com/AWSCLIV2.msi`];
  if (method === 'installer' && platform === 'darwin') {
    return ['curl "https://awscli.amazonaws.com/AWSCLIV2.pkg" -o AWSCLIV2.pkg', 'sudo installer -pkg AWSCLIV2.pkg -target /'];
  }
  return [];
}
