import type { Check } from '../engine/check.js';
import type { Finding } from '../engine/finding.js';
import type { CheckReport } from '../engine/runner.js';
import { causeText } from './pretty.js';

// Characters XML 1.0 forbids anywhere (C0 controls except tab/LF/CR, lone surrogates, U+FFFE/U+FFFF).
const XML_FORBIDDEN = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/** Text content: forbidden characters shown as \u{..}, markup characters escaped. */
export function xmlText(text: string): string {
  return text
    .replace(XML_FORBIDDEN, (ch) => `\\u{${ch.charCodeAt(0).toString(16)}}`)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;');
}

/** Attribute value: as text, plus quotes and the whitespace an XML parser would otherwise normalize. */
export function xmlAttr(text: string): string {
  return xmlText(text).replace(/"/g, '&quot;').replace(/'/g, '&apos;').replace(/\n/g, '&#10;').replace(/\r/g, '&#13;').replace(/\t/g, '&#9;');
}

function describe(f: Finding): string {
  const lines = [`[${f.status}] ${f.code}: ${f.title}`];
  if (f.detail) lines.push(f.detail);
  if (f.causedBy) {
    lines.push(`Cause: ${causeText(f.causedBy)}`);
  } else if (f.fix) {
    lines.push(`Fix: ${f.fix.text}`);
    for (const c of f.fix.commands) lines.push(`  $ ${c}`);
  }
  return lines.join('\n');
}

/**
 * JUnit XML (the Jenkins/GitLab/Azure flavour): one testcase per check. A check fails when any finding
 * fails (or warns, with --strict); it is skipped when all its findings are skips. Warnings and infos go to
 * system-out so they are visible without failing the build.
 */
export function renderJunit(
  results: readonly CheckReport[],
  meta: { strict: boolean; generatedAt: Date; version: string; notSelected?: ReadonlyArray<Pick<Check, 'id' | 'title' | 'category'>> },
): string {
  let failures = 0;
  let skipped = 0;
  let totalMs = 0;
  const cases = results.map((r) => {
    totalMs += r.durationMs;
    const failing = r.findings.filter((f) => f.status === 'fail' || (meta.strict && f.status === 'warn'));
    const allSkipped = r.findings.length > 0 && r.findings.every((f) => f.status === 'skip');
    const notes = r.findings.filter((f) => f.status !== 'pass' && !failing.includes(f));
    const inner: string[] = [];
    if (failing.length) {
      failures += 1;
      const first = failing[0]!;
      inner.push(
        `      <failure message="${xmlAttr(first.title)}" type="${xmlAttr(first.code)}">${xmlText(failing.map(describe).join('\n\n'))}</failure>`,
      );
    } else if (allSkipped) {
      skipped += 1;
      inner.push(`      <skipped message="${xmlAttr(r.findings.map((f) => f.title).join('; '))}"/>`);
    }
    if (notes.length && !allSkipped) inner.push(`      <system-out>${xmlText(notes.map(describe).join('\n\n'))}</system-out>`);
    const open = `    <testcase classname="login-doctor.${xmlAttr(r.check.category)}" name="${xmlAttr(`${r.check.id}: ${r.check.title}`)}" time="${(r.durationMs / 1000).toFixed(3)}"`;
    return inner.length ? `${open}>\n${inner.join('\n')}\n    </testcase>` : `${open}/>`;
  });
  // Checks left out by --only/--skip still appear, marked skipped, so a report shows what was not checked.
  for (const c of meta.notSelected ?? []) {
    skipped += 1;
    cases.push(
      `    <testcase classname="login-doctor.${xmlAttr(c.category)}" name="${xmlAttr(`${c.id}: ${c.title}`)}" time="0.000">\n      <skipped message="not selected (--only/--skip)"/>\n    </testcase>`,
    );
  }
  const counts = `tests="${cases.length}" failures="${failures}" errors="0" skipped="${skipped}" time="${(totalMs / 1000).toFixed(3)}"`;
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="login-doctor" ${counts}>`,
    `  <testsuite name="login-doctor ${xmlAttr(meta.version)}" ${counts} timestamp="${meta.generatedAt.toISOString()}">`,
    ...cases,
    '  </testsuite>',
    '</testsuites>',
    '',
  ].join('\n');
}
