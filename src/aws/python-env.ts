import type { PythonEnvKind } from '../knowledge/python-envs.js';

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
