/** Fix commands per package manager (run in the project directory; names are npm/PyPI names, quoted for the shell). */
import { shellQuote, type ShellTarget } from './shell.js';

export type JsPackageManager = 'npm' | 'pnpm' | 'yarn-classic' | 'yarn-berry';

/** Upgrades direct dependencies to their latest release, keeping each in its dependency field. */
export function jsAddLatest(pm: JsPackageManager, shell: ShellTarget, names: readonly string[], dev: boolean): string {
  const specs = names.map((n) => shellQuote(shell, `${n}@latest`)).join(' ');
  if (pm === 'npm') return `npm install ${dev ? '--save-dev ' : ''}${specs}`;
  if (pm === 'pnpm') return `pnpm add ${dev ? '--save-dev ' : ''}${specs}`;
  if (pm === 'yarn-classic') return `yarn add ${dev ? '--dev ' : ''}${specs}`;
  // yarn berry's `up` keeps the field the dependency is declared in.
  return `yarn up ${specs}`;
}

/** Re-resolves a (possibly transitive) package within the ranges its dependents allow. */
export function jsUpdate(pm: JsPackageManager, shell: ShellTarget, name: string): string {
  const n = shellQuote(shell, name);
  if (pm === 'npm') return `npm update ${n}`;
  if (pm === 'pnpm') return `pnpm update --recursive ${n}`;
  if (pm === 'yarn-classic') return `yarn upgrade ${n}`;
  return `yarn up --recursive ${n}`;
}

/** Shows which dependency brings in each copy of a package. */
export function jsWhy(pm: JsPackageManager, shell: ShellTarget, name: string): string {
  const n = shellQuote(shell, name);
  if (pm === 'npm') return `npm ls --all ${n}`;
  if (pm === 'pnpm') return `pnpm why ${n}`;
  return `yarn why ${n}`;
}

export type PythonLockTool = 'poetry' | 'uv' | 'pipenv';

/** Adds or raises a requirement in a locked Python project and re-locks it. */
export function pythonLockAdd(tool: PythonLockTool, shell: ShellTarget, requirement: string): string {
  const r = shellQuote(shell, requirement);
  if (tool === 'poetry') return `poetry add ${r}`;
  if (tool === 'uv') return `uv add ${r}`;
  return `pipenv install ${r}`;
}
