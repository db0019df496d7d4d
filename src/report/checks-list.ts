import type { Check } from '../engine/check.js';
import { sanitizeLine } from '../engine/sanitize.js';
import { codesOfCheck, type FindingCode } from '../engine/finding-codes.js';

export interface CheckListing {
  id: string;
  title: string;
  category: string;
  touches: string[];
  /** The finding codes the check can report (src/engine/finding-codes.ts). */
  codes: FindingCode[];
}

export function listChecks(checks: readonly Check[]): CheckListing[] {
  return checks.map((c) => ({ id: c.id, title: c.title, category: c.category, touches: [...c.touches], codes: codesOfCheck(c.id) }));
}

/** A plain aligned table: id, category, what it may touch, title. */
export function renderChecksTable(checks: readonly Check[]): string {
  const rows = listChecks(checks).map((c) => [c.id, c.category, c.touches.join(',') || '-', sanitizeLine(c.title)]);
  const header = ['ID', 'CATEGORY', 'TOUCHES', 'TITLE'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const fmt = (r: string[]) => r.map((cell, i) => (i === r.length - 1 ? cell : cell.padEnd(widths[i]!))).join('  ');
  return [fmt(header), ...rows.map(fmt)].join('\n') + '\n';
}
