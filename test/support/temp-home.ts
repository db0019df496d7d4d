import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

export interface TempHome {
  home: string;
  /** Removes the HOME now; every temp HOME also goes when the test process ends (each test file has its own). */
  cleanup(): void;
}

const homes = new Set<string>();
process.on('exit', () => {
  for (const home of homes) rmSync(home, { recursive: true, force: true });
});

/**
 * A HOME built at test time from relative path → content. `prefix` lets a test put a distinctive string
 * into the home path (for anonymization tests).
 */
export function tempHome(files: Record<string, string> = {}, prefix = 'ld-home-'): TempHome {
  const home = mkdtempSync(join(tmpdir(), prefix));
  homes.add(home);
  for (const [rel, content] of Object.entries(files)) {
    const path = join(home, rel);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, content);
  }
  return {
    home,
    cleanup: () => {
      rmSync(home, { recursive: true, force: true });
      homes.delete(home);
    },
  };
}
