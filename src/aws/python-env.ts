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

export interface PythonEnvFacts {
  prefix: string;
  basePrefix: string;
  conda: boolean;
  pipx: boolean;
  uvTool: boolean;
  externallyManaged: boolean;
}

export function pythonEnvKind(f: PythonEnvFacts): PythonEnvKind {
  const path = f.prefix.replace(/\\/g, '/');
  if (f.pipx || /\/pipx\/venvs\/[^/]+$/.test(path)) return 'pipx';
  if (f.uvTool || /\/uv\/tools\/[^/]+$/.test(path)) return 'uv-tool';
  if (f.conda) return 'conda';
  if (f.prefix !== f.basePrefix) return 'venv';
  if (f.externallyManaged) return 'externally-managed';
  return 'system';
}

/** The tool name of a pipx/uv tool venv: its folder name. */
export function toolName(prefix: string): string {
  return (prefix.includes('\\') ? win32 : posix).basename(prefix);
}

export type PackageOrigin = 'user site' | 'Debian dist-packages' | 'environment' | 'elsewhere';

/** Where a distribution was installed, from its location as importlib.metadata reports it. */
export function packageOrigin(location: string | null, prefix: string, userSite: string | null): PackageOrigin {
  if (!location) return 'elsewhere';
  const loc = location.replace(/\\/g, '/').replace(/\/+$/, '');
  const under = (dir: string) => loc === dir || loc.startsWith(`${dir}/`);
  if (userSite && under(userSite.replace(/\\/g, '/').replace(/\/+$/, ''))) return 'user site';
  if (/^\/usr\/lib\/python3[^/]*\/dist-packages$/.test(loc)) return 'Debian dist-packages';
  if (under(prefix.replace(/\\/g, '/').replace(/\/+$/, ''))) return 'environment';
  return 'elsewhere';
}
