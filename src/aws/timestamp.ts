/**
 * ISO-8601 timestamps as they appear in AWS token caches. botocore reads them with dateutil.parser.parse,
 * which accepts any ISO-8601 form; we accept the ISO-8601 forms with an explicit zone:
 *   2026-01-05T07:12:30Z (AWS CLI, botocore), 2026-01-05T07:12:30.000Z (JS SDK), offsets (+01:00, +0100, +01),
 *   a space or lower-case separator, fractions of any length, minutes-only times, the basic form
 *   20260105T071230Z, and the "UTC"/"GMT" suffix the CLI role cache writes (2025-11-19T20:00:00UTC).
 * A time without a zone is refused: the JS SDK would read it as local time and botocore cannot compare it
 * with its timezone-aware clock, so the two would disagree about expiry.
 */
export type TimestampParse = { ok: true; date: Date } | { ok: false; reason: string };

const EXTENDED = /^(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?\s*(Z|z|UTC|GMT|[+-]\d{2}(?::?\d{2})?)$/;
const BASIC = /^(\d{4})(\d{2})(\d{2})[Tt](\d{2})(\d{2})(?:(\d{2})(?:[.,](\d+))?)?(Z|z|[+-]\d{2}(?:\d{2})?)$/;

export function parseAwsTimestamp(value: unknown): TimestampParse {
  if (typeof value !== 'string') return { ok: false, reason: `expected an ISO-8601 string, found ${value === null ? 'null' : typeof value}` };
  const text = value.trim();
  const m = EXTENDED.exec(text) ?? BASIC.exec(text);
  if (!m) {
    const zoneless = /^\d{4}-?\d{2}-?\d{2}(?:[Tt ]\d{2}:?\d{2}(?::?\d{2}(?:[.,]\d+)?)?)?$/.test(text);
    return {
      ok: false,
      reason: zoneless
        ? `"${value}" has no time zone (expected e.g. 2026-01-05T07:12:30Z)`
        : `"${value}" is not an ISO-8601 date and time (expected e.g. 2026-01-05T07:12:30Z)`,
    };
  }
  const [, y, mo, d, h, mi, s = '0', frac = '', zone] = m;
  const year = Number(y);
  const month = Number(mo);
  const day = Number(d);
  const hour = Number(h);
  const minute = Number(mi);
  const second = Number(s);
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  if (year < 1 || month < 1 || month > 12 || day < 1 || day > daysInMonth || hour > 23 || minute > 59 || second > 59) {
    return { ok: false, reason: `"${value}" is not a valid calendar date and time` };
  }
  let offsetMinutes = 0;
  if (zone && /^[+-]/.test(zone)) {
    const digits = zone.slice(1).replace(':', '');
    const oh = Number(digits.slice(0, 2));
    const om = Number(digits.slice(2) || '0');
    if (oh > 23 || om > 59) return { ok: false, reason: `"${value}" has an invalid UTC offset` };
    offsetMinutes = (zone[0] === '-' ? -1 : 1) * (oh * 60 + om);
  }
  const ms = Number((frac + '000').slice(0, 3));
  const date = new Date(Date.UTC(2000, month - 1, day, hour, minute, second, ms));
  // Date.UTC maps years 0-99 to 1900-1999, so the year is set on its own.
  date.setUTCFullYear(year);
  return { ok: true, date: new Date(date.getTime() - offsetMinutes * 60_000) };
}
