import type { Context } from './context.js';
import type { FindingInput } from './finding.js';

export type Category = 'environment' | 'config' | 'caches' | 'tools' | 'project' | 'live';

/** Report order of the categories. */
export const CATEGORIES: readonly Category[] = ['environment', 'config', 'caches', 'tools', 'project', 'live'];

export const CATEGORY_TITLES: Record<Category, string> = {
  environment: 'Environment',
  config: 'Configuration',
  caches: 'Token caches',
  tools: 'Installed tools and SDKs',
  project: 'Project dependencies',
  live: 'Live checks',
};

/** What a check may touch, shown by `list-checks` so CI owners know what runs. */
export type Touch = 'files' | 'subprocess' | 'network';

export interface Check {
  /** Stable dotted id, e.g. `config.profile`. */
  id: string;
  title: string;
  category: Category;
  touches: readonly Touch[];
  /** Per-check time limit; the runner's default applies when absent. */
  timeoutMs?: number;
  run(ctx: Context): Promise<FindingInput[]> | FindingInput[];
}
