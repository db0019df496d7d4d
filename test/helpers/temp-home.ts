import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

/**
 * A HOME built at test time from relative path → content. `prefix` lets a test put a distinctive string
 * into the home path (for anonymization tests). Call cleanup() in an after() hook.
 */
export function tempHome(files: Record<string, string>, prefix = 'ld-home-'): { home: string; cleanup: () => void } {
  const home = mkdtempSync(join(tmpdir(), prefix));
  for (const [rel, content] of Object.entries(files)) {
    const path = join(home, rel);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, content);
  }
  return { home, cleanup: () => rmSync(home, { recursive: true, force: true }) };
}
