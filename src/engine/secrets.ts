import type { SecretRegistry } from './context.js';

// Access key ids are not secret alone but are shown only masked; this catches any that slip into text.
const ACCESS_KEY_ID = /\b((?:AKIA|ASIA|AROA|AIDA|ABIA|ACCA)[A-Z0-9]{4})[A-Z0-9]{4,}([A-Z0-9]{4})\b/g;

/** First four and last four characters, the rest elided. */
export function maskKeyId(id: string): string {
  if (id.length <= 8) return '*'.repeat(id.length);
  return `${id.slice(0, 4)}…${id.slice(-4)}`;
}

export function maskAccessKeyIds(text: string): string {
  return text.replace(ACCESS_KEY_ID, (_m, head: string, tail: string) => `${head.slice(0, 4)}…${tail}`);
}

export function createSecretRegistry(): SecretRegistry {
  const values = new Set<string>();
  return {
    add(value) {
      // Very short values would redact ordinary words; real secrets are long.
      if (typeof value === 'string' && value.length >= 8) values.add(value);
    },
    redact(text) {
      let out = text;
      for (const secret of values) if (out.includes(secret)) out = out.split(secret).join('[redacted]');
      return maskAccessKeyIds(out);
    },
  };
}
