import type { Evidence, EvidenceValue } from './finding.js';

// ANSI/VT escape sequences (CSI, OSC, and two-byte ESC forms), matched whole so no fragment survives.
const ESCAPE_SEQUENCE = /\u001b\[[0-?]*[ -/]*[@-~]|\u001b\][^\u0007\u001b]*(?:\u0007|\u001b\\)?|\u001b[@-_]|\u009b[0-?]*[ -/]*[@-~]/g;
// C0/C1 controls (tab and newline are kept by sanitizeMultiline), DEL, and bidi/zero-width format characters
// that can reorder or hide text on a terminal (Trojan Source).
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]/g;
const LINE_BREAKS = /[\r\n\t]/g;

function visible(ch: string): string {
  return `\\u{${ch.codePointAt(0)!.toString(16)}}`;
}

/** Makes untrusted text safe for a terminal: escape sequences removed, controls shown as \u{..}. One line. */
export function sanitizeLine(text: string): string {
  return text.replace(ESCAPE_SEQUENCE, '').replace(LINE_BREAKS, ' ').replace(CONTROL, visible);
}

/** Like sanitizeLine but keeps newlines (for multi-line details). */
export function sanitizeMultiline(text: string): string {
  return text
    .replace(ESCAPE_SEQUENCE, '')
    .replace(/\r\n?/g, '\n')
    .replace(/\t/g, '  ')
    .replace(CONTROL, visible);
}

export function sanitizeEvidence(evidence: Evidence, clean: (s: string) => string): Evidence {
  const out: Evidence = {};
  for (const [key, value] of Object.entries(evidence)) out[clean(key)] = sanitizeValue(value, clean);
  return out;
}

function sanitizeValue(value: EvidenceValue, clean: (s: string) => string): EvidenceValue {
  if (typeof value === 'string') return clean(value);
  if (Array.isArray(value)) return value.map((v) => sanitizeValue(v, clean));
  if (value && typeof value === 'object') return sanitizeEvidence(value, clean);
  return value;
}
