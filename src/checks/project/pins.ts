import { join } from 'node:path';
import type { JsSdkProblem } from '../../aws/js-sdk.js';
import { INI_PACKAGE, isJsSdkPackage } from '../../aws/js-sdk-packages.js';
import { PYTHON_LOCKFILES, type LockedPackage, type PythonLockKind } from '../../aws/lockfiles.js';
import type { PythonPinIssue } from '../../aws/python-pins.js';
import { parseRequirementsFile, type PythonRequirement } from '../../aws/python-requirements.js';
import type { Check } from '../../engine/check.js';
import type { Context } from '../../engine/context.js';
import type { CauseRef, FindingInput, Status } from '../../engine/finding.js';
import { FLOORS, RECOMMENDED_PYTHON_PINS } from '../../knowledge/floors.js';
import { jsUpdate, jsWhy, pythonLockAdd, type PythonLockTool } from '../../knowledge/package-managers.js';
import { loadJsProject, type JsProject } from './js-project.js';
import {
  errorMessage,
  findProjectRoot,
  MAX_LOCKFILE_BYTES,
  MAX_MANIFEST_BYTES,
  readProjectFile,
  REQUIREMENTS_FILE,
  type UnreadableFile,
  unreadableFinding,
} from './project-root.js';
import { breakingStatus } from '../target-profiles.js';
import { CODES } from './js-sdk.js';
import { shellOf } from '../../knowledge/shell.js';

type FiledRequirement = PythonRequirement & { file: string };

interface PythonProject {
  manifests: string[];
  requirements: FiledRequirement[];
  locks: { kind: PythonLockKind; display: string; packages: LockedPackage[] }[];
  /** `-r`/`-c` includes (not followed) and lines that are not requirements, as "file:line: text". */
  notes: string[];
  unreadable: UnreadableFile[];
}

/** `-r https://user:token@host/req.txt`: the user part of a URL is a credential and is never echoed. */
function withoutUrlCredentials(text: string): string {
  return text.replace(/(:\/\/)[^/@\s]+@/g, '$1***@');
}

const LOCK_TOOL: Record<PythonLockKind, PythonLockTool> = { 'poetry.lock': 'poetry', 'uv.lock': 'uv', 'Pipfile.lock': 'pipenv' };

async function loadPythonProject(ctx: Context, root: string, entries: Set<string>): Promise<PythonProject> {
  const out: PythonProject = { manifests: [], requirements: [], locks: [], notes: [], unreadable: [] };
  const requirementFiles = [...entries].filter((n) => REQUIREMENTS_FILE.test(n)).sort();
  // requirements/base.txt, requirements/dev.txt: a common layout for split requirements.
  if (entries.has('requirements') && (await ctx.fs.stat(join(root, 'requirements')))?.kind === 'directory') {
    const nested = (await ctx.fs.readdir(join(root, 'requirements'))) ?? [];
    requirementFiles.push(...nested.filter((n) => n.endsWith('.txt')).sort().map((n) => `requirements/${n}`));
  }
  for (const name of requirementFiles) {
    const file = await readProjectFile(ctx, root, name, MAX_MANIFEST_BYTES);
    if (!file.read.ok) {
      out.unreadable.push({ path: file.path, message: file.read.message });
      continue;
    }
    const parsed = parseRequirementsFile(file.read.text);
    out.manifests.push(file.display);
    out.requirements.push(...parsed.requirements.map((r) => ({ ...r, file: file.display })));
    for (const inc of parsed.includes) out.notes.push(`${file.display}:${inc.line}: "${withoutUrlCredentials(inc.text)}" not followed`);
    for (const u of parsed.unparsed) out.notes.push(`${file.display}:${u.line}: "${withoutUrlCredentials(u.text)}" is not a requirement login-doctor understands`);
  }
  if (entries.has('pyproject.toml')) {
    const file = await readProjectFile(ctx, root, 'pyproject.toml', MAX_MANIFEST_BYTES);
    if (!file.read.ok) out.unreadable.push({ path: file.path, message: file.read.message });
    else {
      try {
        const { parsePyproject } = await import('../../aws/pyproject.js');
        out.requirements.push(...parsePyproject(file.read.text).requirements.map((r) => ({ ...r, file: file.display })));
        out.manifests.push(file.display);
      } catch (error) {
        out.unreadable.push({ path: file.path, message: `not valid TOML: ${errorMessage(error)}` });
      }
    }
  }
  for (const kind of PYTHON_LOCKFILES) {
    if (!entries.has(kind)) continue;
    const file = await readProjectFile(ctx, root, kind, MAX_LOCKFILE_BYTES);
    if (!file.read.ok) {
      out.unreadable.push({ path: file.path, message: file.read.message });
      continue;
    }
    try {
      const { parsePythonLock } = await import('../../aws/python-lockfiles.js');
      out.locks.push({ kind, display: file.display, packages: parsePythonLock(kind, file.read.text) });
    } catch (error) {
      out.unreadable.push({ path: file.path, message: `not a valid ${kind}: ${errorMessage(error)}` });
    }
  }
  return out;
}

const PYTHON_PROBLEM_TITLE: Record<PythonPinIssue['problem'], string> = {
  'botocore-too-old': 'has no login provider',
  'awscrt-too-old': 'breaks the login refresh',
  'awscrt-missing': 'leaves out awscrt, which login needs',
};

type PythonPins = typeof import('../../aws/python-pins.js');
type JsRules = typeof import('../../aws/js-sdk.js');

function pythonManifestFinding(pins: PythonPins, root: string, issue: PythonPinIssue<FiledRequirement>, status: Status): FindingInput {
  const at = `${issue.source.file}:${issue.line}`;
  const corrected = issue.corrected!;
  const alsoAdd = issue.problem === 'awscrt-missing' ? ` (or keep it and add the line ${pins.recommendedPin('awscrt')})` : '';
  return {
    code: 'pins-python-too-old',
    status,
    title: `${at}: ${issue.found} ${PYTHON_PROBLEM_TITLE[issue.problem]}`,
    detail: `${issue.why}\nIn ${root}/${issue.source.file}, line ${issue.line}:\n  ${issue.found}\nshould read:\n  ${corrected}\nPins that keep aws login working: ${RECOMMENDED_PYTHON_PINS.join(', ')}.`,
    fix: {
      text: `In ${issue.source.file}, replace line ${issue.line} with ${corrected}${alsoAdd}, then reinstall.`,
      commands: [],
    },
    evidence: { file: issue.source.file, line: issue.line, package: issue.package, problem: issue.problem, found: issue.found, corrected },
  };
}

function pythonLockFinding(pins: PythonPins, ctx: Context, lock: PythonProject['locks'][number], issue: PythonPinIssue<LockedPackage>, status: Status): FindingInput {
  const at = `${lock.display}:${issue.line}`;
  const requirement = pins.recommendedPin(issue.problem === 'awscrt-missing' ? 'awscrt' : issue.package);
  const command = pythonLockAdd(LOCK_TOOL[lock.kind], shellOf(ctx), requirement);
  return {
    code: 'pins-python-too-old',
    status,
    title: `${at}: locked ${issue.found} ${PYTHON_PROBLEM_TITLE[issue.problem]}`,
    detail: issue.why,
    fix: {
      text: `Require ${requirement} and re-lock, so ${lock.display} no longer resolves ${issue.found}.`,
      commands: [command],
    },
    evidence: { file: lock.display, line: issue.line, package: issue.package, problem: issue.problem, found: issue.found, corrected: requirement },
  };
}

const JS_PIN_TITLE: Record<JsSdkProblem, string> = {
  'no-login': 'cannot use aws login profiles',
  'stale-cache': 're-sends a used refresh token on the second refresh',
  'no-caller-config': 'refreshes without the client settings',
};

/**
 * A pin or lock entry of a JS SDK the project.js-sdk check already found too old for the same reason: one old SDK,
 * one failing finding (its upgrade rewrites package.json and the lock file too).
 */
function sameJsProblem(problem: JsSdkProblem): CauseRef {
  return { codes: [CODES[problem].code], where: { problem } };
}

function jsFindings(rules: JsRules, ctx: Context, project: JsProject, breaking: Status): FindingInput[] {
  const { JS_PROBLEM_WHY, rangeProblems, versionProblems } = rules;
  const findings: FindingInput[] = [];
  const statusOf = (p: JsSdkProblem): Status => (p === 'no-login' ? breaking : 'warn');
  for (const dep of project.packageJson?.dependencies ?? []) {
    if (!isJsSdkPackage(dep.name)) continue;
    for (const { problem, floor } of rangeProblems(dep.name, dep.range)) {
      const found = `"${dep.name}": "${dep.range}"`;
      const corrected = `"${dep.name}": "^${floor}"`;
      findings.push({
        code: 'pins-js-too-old',
        status: statusOf(problem),
        title: `${project.packageJson!.display}:${dep.line}: ${dep.name}@${dep.range} ${JS_PIN_TITLE[problem]}`,
        detail: `${dep.range} allows no version at or above ${floor}. ${JS_PROBLEM_WHY[problem]}.\nIn ${project.root}/${project.packageJson!.display} (${dep.field}), line ${dep.line}:\n  ${found}\nshould read:\n  ${corrected}`,
        fix: { text: `In ${project.packageJson!.display}, replace line ${dep.line} with ${corrected}, then reinstall to update the lock file.`, commands: [] },
        evidence: { file: project.packageJson!.display, line: dep.line, package: dep.name, problem, found, corrected },
        consequenceOf: sameJsProblem(problem),
      });
    }
  }
  for (const lock of project.locks) {
    const iniLocked = lock.packages.some((p) => p.name === INI_PACKAGE);
    const groups = new Map<string, { problem: JsSdkProblem; floor: string; name: string; entries: LockedPackage[] }>();
    for (const p of lock.packages) {
      if (!isJsSdkPackage(p.name)) continue;
      for (const { problem, floor } of versionProblems(p.name, p.version)) {
        // Lock entries are what installs; only hard limits are pin problems, and ini speaks for the packages that bring it.
        if (problem === 'no-caller-config' || (problem === 'no-login' && p.name !== INI_PACKAGE && iniLocked)) continue;
        const key = `${p.name}\u0000${problem}`;
        const g = groups.get(key) ?? { problem, floor, name: p.name, entries: [] };
        g.entries.push(p);
        groups.set(key, g);
      }
    }
    for (const g of groups.values()) {
      const first = g.entries[0]!;
      const lines = g.entries.map((e) => `${lock.display}:${e.line} ${e.name} ${e.version}${e.location ? ` (${e.location})` : ''}`);
      findings.push({
        code: 'pins-js-too-old',
        status: statusOf(g.problem),
        title: `${lock.display}:${first.line}: locked ${g.name} ${[...new Set(g.entries.map((e) => e.version))].join(', ')} ${JS_PIN_TITLE[g.problem]}`,
        detail: `${JS_PROBLEM_WHY[g.problem]}.\nLocked below ${g.floor}:\n${lines.map((l) => `  ${l}`).join('\n')}`,
        fix: {
          text: `Re-lock so every ${g.name} entry in ${lock.display} is ${g.floor} or later (its entry should read version ${g.floor} or later); the last command shows which dependency holds an old copy.`,
          commands: [jsUpdate(project.packageManager, shellOf(ctx), g.name), jsWhy(project.packageManager, shellOf(ctx), g.name)],
        },
        evidence: { file: lock.display, line: first.line, package: g.name, problem: g.problem, found: lines, corrected: `>=${g.floor}` },
        consequenceOf: sameJsProblem(g.problem),
      });
    }
  }
  return findings;
}

export const pinsCheck: Check = {
  id: 'project.pins',
  title: 'Dependency pins in this project (CI preflight)',
  category: 'project',
  touches: ['files'],
  async run(ctx) {
    const { root, entries, searched } = await findProjectRoot(ctx);
    if (root === null) {
      return [
        {
          code: 'pins-none',
          status: 'info',
          title: 'No Python or JavaScript project here: no dependency pins to check',
          detail: `No requirements, pyproject.toml, lock file or package.json from ${ctx.cwd} up to ${searched[searched.length - 1] ?? ctx.cwd}.`,
          evidence: { cwd: ctx.cwd },
        },
      ];
    }
    const [python, js, breaking] = await Promise.all([loadPythonProject(ctx, root, entries), loadJsProject(ctx), breakingStatus(ctx)]);
    const findings: FindingInput[] = [];
    if (python.requirements.length > 0 || python.locks.length > 0) {
      const pins = await import('../../aws/python-pins.js');
      for (const issue of pins.manifestIssues(python.requirements)) findings.push(pythonManifestFinding(pins, root, issue, breaking));
      for (const lock of python.locks) for (const issue of pins.lockIssues(lock.packages)) findings.push(pythonLockFinding(pins, ctx, lock, issue, breaking));
    }
    if (js) findings.push(...jsFindings(await import('../../aws/js-sdk.js'), ctx, js, breaking));
    // Includes are not followed: say so next to every verdict, so a clean result is not read as complete.
    if (python.notes.length) for (const f of findings) f.evidence = { ...f.evidence, notChecked: python.notes };

    const unreadable = [...python.unreadable, ...(js?.unreadable ?? [])];
    for (const u of unreadable) findings.push(unreadableFinding('project-file-unreadable', u));
    const files = [
      ...python.manifests,
      ...python.locks.map((l) => l.display),
      ...(js?.packageJson ? [js.packageJson.display] : []),
      ...(js?.locks.map((l) => l.display) ?? []),
    ];
    const problems = findings.some((f) => f.code !== 'project-file-unreadable');
    if (files.length === 0) {
      // Files that could not be read already have their own finding; an empty "ok" would claim a check that did not happen.
      if (unreadable.length > 0) return findings;
      findings.push({
        code: 'pins-none',
        status: 'info',
        title: `No dependency pins in ${root}`,
        detail: 'No requirements*.txt, constraints*.txt, pyproject.toml, poetry.lock, uv.lock, Pipfile.lock, package.json or JS lock file here.',
        evidence: { projectRoot: root },
      });
    } else if (!problems) {
      findings.push({
        code: 'pins-ok',
        status: 'pass',
        title: `Dependency pins allow aws login: ${files.join(', ')}`,
        detail:
          `Checked ${files.join(', ')} in ${root} against botocore ${FLOORS.botocoreLogin.version}, awscrt ${FLOORS.awscrtPaddedDpop.version} and the JS SDK floors.` +
          (python.notes.length ? `\nNot checked:\n${python.notes.map((n) => `  ${n}`).join('\n')}` : ''),
        evidence: { projectRoot: root, files, notChecked: python.notes },
      });
    }
    return findings;
  },
};
