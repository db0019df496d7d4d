import { homedir, hostname, userInfo } from 'node:os';
import type { CheckReport } from '../engine/runner.js';
import { Anonymizer, anonymizeFindings } from '../report/anonymize.js';

function localAccount(): { username: string; homedir: string } {
  try {
    const { username, homedir } = userInfo();
    return { username, homedir };
  } catch {
    return { username: '', homedir: '' };
  }
}

/** Knows this machine's home folders, host and user name, so --anonymize hides them wherever they appear. */
export function anonymizerFor(home: string): Anonymizer {
  const account = localAccount();
  return new Anonymizer({ homes: [home, account.homedir, homedir()], hostname: hostname(), username: account.username });
}

/** Anonymizes every check's findings with one placeholder table, so a value maps alike across checks. */
export function anonymizeResults(results: readonly CheckReport[], anonymizer: Anonymizer): CheckReport[] {
  const all = anonymizeFindings(
    results.flatMap((r) => r.findings),
    anonymizer,
  );
  let i = 0;
  return results.map((r) => ({ ...r, findings: r.findings.map(() => all[i++]!) }));
}
