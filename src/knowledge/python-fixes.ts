import { PYTHON_ENV_LABELS, toolName, type PythonEnvKind } from './python-envs.js';
import type { Fix } from '../engine/finding.js';
import { RECOMMENDED_PYTHON_PINS } from './floors.js';
import { runProgram, shellOf, shellQuote, type ShellWhere } from './shell.js';

export interface PythonInstallTarget {
  /** The interpreter to name in the commands. */
  executable: string;
  prefix: string;
  kind: PythonEnvKind;
  hasBoto3: boolean;
  /** botocore/awscrt came from the user site-packages (pip install --user). */
  userSite: boolean;
}

function pinName(pin: string): string {
  return /^[A-Za-z0-9_.-]+/.exec(pin)![0].toLowerCase();
}

/** The requirement lines to install: boto3 only where boto3 is already installed. */
function installPins(target: PythonInstallTarget): string[] {
  return RECOMMENDED_PYTHON_PINS.filter((pin) => pinName(pin) !== 'boto3' || target.hasBoto3);
}

export function requirementsText(): string {
  return `Pin the fix in requirements.txt (or your lock file):\n${RECOMMENDED_PYTHON_PINS.map((p) => `  ${p}`).join('\n')}`;
}

/** Upgrade botocore/awscrt (and boto3) in one interpreter, the way its environment is managed. */
export function pythonUpgradeFix(where: ShellWhere, target: PythonInstallTarget, why: string): Fix {
  const shell = shellOf(where);
  const q = (s: string) => shellQuote(shell, s);
  const program = (path: string) => runProgram(shell, path);
  const pins = installPins(target);
  const label = `${PYTHON_ENV_LABELS[target.kind]} ${target.executable}`;
  switch (target.kind) {
    case 'pipx': {
      const tool = toolName(target.prefix);
      return {
        text: `${why} Inject the packages into the pipx tool "${tool}" (${label}).\n${requirementsText()}`,
        commands: [`pipx inject ${q(tool)} ${pins.map(q).join(' ')}`],
      };
    }
    case 'uv-tool': {
      const tool = toolName(target.prefix);
      return {
        text: `${why} Reinstall the uv tool "${tool}" with the packages (${label}).\n${requirementsText()}`,
        commands: [`uv tool install ${pins.map((p) => `--with ${q(p)}`).join(' ')} ${q(tool)}`],
      };
    }
    case 'conda':
      return {
        text: `${why} Install from conda-forge into this conda environment (${label}).\n${requirementsText()}`,
        // conda match specs have no extras: botocore[crt] becomes botocore plus awscrt.
        commands: [`conda install -p ${q(target.prefix)} -c conda-forge ${pins.map((p) => q(p.replace(/\[[^\]]*\]/, ''))).join(' ')}`],
      };
    case 'externally-managed': {
      // Git Bash on Windows takes forward slashes; the venv still has Scripts\python.exe there.
      const venvPython = where.platform !== 'win32' ? '.venv/bin/python' : shell === 'posix' ? '.venv/Scripts/python.exe' : '.venv\\Scripts\\python.exe';
      return {
        text:
          `${why} ${target.executable} is the ${PYTHON_ENV_LABELS[target.kind]}: do not pip install into it (no sudo pip, no --break-system-packages). ` +
          `Run your app from a virtual environment instead (on Debian/Ubuntu, python3 -m venv needs the python3-venv package).\n${requirementsText()}`,
        commands: [`${program(target.executable)} -m venv .venv`, `${program(venvPython)} -m pip install --upgrade ${pins.map(q).join(' ')}`],
      };
    }
    case 'venv':
    case 'system':
      return {
        text: `${why} Upgrade the packages in the ${label}.\n${requirementsText()}`,
        commands: [`${program(target.executable)} -m pip install --upgrade${target.userSite && target.kind === 'system' ? ' --user' : ''} ${pins.map(q).join(' ')}`],
      };
  }
}
