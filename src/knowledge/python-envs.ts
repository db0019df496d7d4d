import { posix, win32 } from 'node:path';

/** How a Python environment is managed, which decides how to install into it. */
export type PythonEnvKind = 'pipx' | 'uv-tool' | 'conda' | 'venv' | 'externally-managed' | 'system';

export const PYTHON_ENV_LABELS: Record<PythonEnvKind, string> = {
  pipx: 'pipx tool venv',
  'uv-tool': 'uv tool venv',
  conda: 'conda environment',
  venv: 'virtual environment',
  'externally-managed': 'system Python (EXTERNALLY-MANAGED: the OS package manager owns it)',
  system: 'Python installation',
};

/** The tool name of a pipx/uv tool venv: its folder name. */
export function toolName(prefix: string): string {
  return (prefix.includes('\\') ? win32 : posix).basename(prefix);
}
