import type { Finding } from '../engine/finding.js';
import { summarize } from '../engine/finding.js';

export const SCHEMA_VERSION = 1;

export interface JsonReport {
  schemaVersion: typeof SCHEMA_VERSION;
  tool: { name: 'login-doctor'; version: string };
  generatedAt: string;
  profile: string | null;
  summary: ReturnType<typeof summarize>;
  findings: Finding[];
}

/** The public JSON contract (README "JSON schema"): never change a field without bumping schemaVersion. */
export function toJsonReport(findings: readonly Finding[], meta: { version: string; generatedAt: Date; profile: string | null }): JsonReport {
  return {
    schemaVersion: SCHEMA_VERSION,
    tool: { name: 'login-doctor', version: meta.version },
    generatedAt: meta.generatedAt.toISOString(),
    profile: meta.profile,
    summary: summarize(findings),
    // causedBy is additive (schemaVersion 1): present only on a consequence, whose status is then info.
    findings: findings.map((f) => ({ code: f.code, status: f.status, check: f.check, title: f.title, detail: f.detail, fix: f.fix, evidence: f.evidence, ...(f.causedBy ? { causedBy: f.causedBy } : {}) })),
  };
}
