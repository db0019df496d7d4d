import type { Evidence, EvidenceValue, Finding } from '../engine/finding.js';

/** What identifies the machine and person, besides what the findings themselves contain. */
export interface AnonymizeSeeds {
  /** The diagnosed home and the account's own home folder (they differ under sudo or HOME=…). */
  homes: string[];
  hostname: string;
  /** The local login name. */
  username: string;
}

// Built-in accounts name no person, and "owned by root" must stay readable in permission findings.
const SYSTEM_USERS = new Set(['root', 'administrator', 'system', 'nobody']);

type Kind = 'account' | 'user' | 'role' | 'session' | 'resource' | 'start-url' | 'host' | 'local-user';

// 12-digit AWS account ids, not part of a longer number or hex run.
const ACCOUNT_ID = /(?<![0-9A-Za-z])\d{12}(?![0-9A-Za-z])/g;
// arn:partition:service:region:account:resource — the resource runs to whitespace, quote or closing bracket.
const ARN = /\barn:(aws[a-z-]*):([a-z0-9-]*):([a-z0-9-]*):(\d{12}|):([^\s"'`<>)\],;]+)/g;
// IAM Identity Center access portal URLs (awsapps.com / awsapps.cn; app.aws for newer portals).
const START_URL = /https?:\/\/[^\s"'`<>/]+\.(?:awsapps\.(?:com|cn)|app\.aws)(?:\/[^\s"'`<>)\],;]*)?/g;
// Evidence keys whose values name a person, a role or a portal, whatever their format.
const KEY_KINDS: Array<[RegExp, Kind]> = [
  [/start_?url/i, 'start-url'],
  [/(?:^|_)role(?:_?name)?$/i, 'role'],
  [/(?:^|_)user(?:_?name)?$/i, 'user'],
];
// IAM resource types whose next path segments are names of people or roles.
const NAMED_RESOURCES: Record<string, Kind[]> = {
  user: ['user'],
  role: ['role'],
  'assumed-role': ['role', 'session'],
  'federated-user': ['user'],
  group: ['resource'],
  'instance-profile': ['resource'],
};

/**
 * Stable placeholders for account ids, ARN resource names, user and role names, SSO start URLs, the home
 * folder, the host name and the local user name. One Anonymizer per report: the same value always gets the
 * same placeholder, and a name first seen inside an ARN is also replaced wherever it appears bare.
 */
export class Anonymizer {
  private readonly placeholders = new Map<string, string>();
  private readonly counters = new Map<Kind, number>();
  /** Literal values to replace everywhere, longest first when applied. */
  private readonly literals = new Map<string, string>();

  constructor(seeds: AnonymizeSeeds) {
    for (const home of seeds.homes) if (home.length > 1) this.literals.set(home.replace(/[\\/]+$/, ''), '<home>');
    if (seeds.hostname.length >= 3) this.literal(seeds.hostname, 'host');
    if (seeds.username.length >= 3 && !SYSTEM_USERS.has(seeds.username.toLowerCase())) this.literal(seeds.username, 'local-user');
  }

  private placeholder(kind: Kind, value: string): string {
    const key = `${kind}\u0000${value}`;
    let p = this.placeholders.get(key);
    if (!p) {
      const n = (this.counters.get(kind) ?? 0) + 1;
      this.counters.set(kind, n);
      p = kind === 'host' ? `<host${n === 1 ? '' : `-${n}`}>` : `<${kind}-${n}>`;
      this.placeholders.set(key, p);
    }
    return p;
  }

  private literal(value: string, kind: Kind): string {
    const p = this.placeholder(kind, value);
    if (value.length >= 3) this.literals.set(value, p);
    return p;
  }

  /** Learns the names inside ARNs (so bare mentions are replaced too) without changing anything. */
  learn(text: string): void {
    for (const m of text.matchAll(ARN)) this.arnResource(m[2]!, m[5]!);
  }

  /** Learns a value by what its evidence key says it is (`sso_role_name`, `startUrl`, `userName`…). */
  learnKeyed(key: string, value: string): void {
    const kind = KEY_KINDS.find(([re]) => re.test(key))?.[1];
    if (kind && value.length >= 3 && !value.startsWith('arn:')) this.literal(value, kind);
  }

  private arnResource(service: string, resource: string): string {
    const parts = resource.split(/([/:])/);
    const type = parts[0]!;
    const kinds = (service === 'iam' || service === 'sts') && NAMED_RESOURCES[type];
    if (!kinds) return this.literal(resource, 'resource');
    // Segments after the type: path components for roles/users; the last ones are the names.
    const names = parts.filter((_, i) => i > 0 && i % 2 === 0);
    const replaced = names.map((name, i) => {
      const kind = kinds[Math.min(kinds.length - 1, Math.max(0, i - (names.length - kinds.length)))]!;
      return name ? this.literal(name, kind) : name;
    });
    let out = type;
    for (let i = 0; i < replaced.length; i++) out += parts[2 * i + 1]! + replaced[i]!;
    return out;
  }

  apply(text: string): string {
    let out = text.replace(ARN, (_m, partition: string, service: string, region: string, account: string, resource: string) => {
      const acct = account ? this.placeholder('account', account) : '';
      return `arn:${partition}:${service}:${region}:${acct}:${this.arnResource(service, resource)}`;
    });
    out = out.replace(START_URL, (url) => this.placeholder('start-url', url));
    out = out.replace(ACCOUNT_ID, (id) => this.placeholder('account', id));
    const present = [...this.literals.keys()].filter((v) => out.includes(v));
    if (present.length === 0) return out;
    // One pass, longest value first, never inside a placeholder or an ARN already rewritten (a local user
    // named "user" must not turn "<user-1>" or ":user/" into "<local-user-1>"), and not glued to word
    // characters ("bob" ≠ "bobcat").
    const alternatives = present.sort((a, b) => b.length - a.length).map(escapeRegExp).join('|');
    const re = new RegExp(`(<[a-z]+(?:-[a-z]+)*(?:-\\d+)?>|\\barn:aws[a-z-]*:[^\\s"'\`),;\\]]*)|(?<![A-Za-z0-9_])(?:${alternatives})(?![A-Za-z0-9_])`, 'g');
    return out.replace(re, (m, kept: string | undefined) => kept ?? this.literals.get(m)!);
  }
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function mapEvidence(evidence: Evidence, f: (s: string) => string): Evidence {
  const out: Evidence = {};
  for (const [k, v] of Object.entries(evidence)) out[k] = mapValue(v, f);
  return out;
}

function mapValue(value: EvidenceValue, f: (s: string) => string): EvidenceValue {
  if (typeof value === 'string') return f(value);
  if (Array.isArray(value)) return value.map((v) => mapValue(v, f));
  if (value && typeof value === 'object') return mapEvidence(value, f);
  return value;
}

function eachString(finding: Finding, visit: (s: string, key: string) => void): void {
  visit(finding.title, '');
  visit(finding.detail, '');
  if (finding.fix) {
    visit(finding.fix.text, '');
    finding.fix.commands.forEach((c) => visit(c, ''));
  }
  const walk = (v: EvidenceValue, key: string): void => {
    if (typeof v === 'string') visit(v, key);
    else if (Array.isArray(v)) v.forEach((x) => walk(x, key));
    else if (v && typeof v === 'object') Object.entries(v).forEach(([k, x]) => walk(x, k));
  };
  Object.entries(finding.evidence).forEach(([k, v]) => walk(v, k));
}

/** Anonymizes every text of every finding; learns all names first so a name is hidden wherever it occurs. */
export function anonymizeFindings(findings: readonly Finding[], anonymizer: Anonymizer): Finding[] {
  for (const f of findings) {
    eachString(f, (s, key) => {
      anonymizer.learn(s);
      if (key) anonymizer.learnKeyed(key, s);
    });
  }
  const a = (s: string) => anonymizer.apply(s);
  return findings.map((f) => ({
    ...f,
    title: a(f.title),
    detail: a(f.detail),
    fix: f.fix ? { text: a(f.fix.text), commands: f.fix.commands.map(a) } : null,
    evidence: mapEvidence(f.evidence, a),
  }));
}
