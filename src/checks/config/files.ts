import type { Check } from '../../engine/check.js';
import { FLOORS } from '../../knowledge/floors.js';
import type { FindingInput } from '../../engine/finding.js';
import type { Context, ReadResult } from '../../engine/context.js';
import { CONSUMER_LABELS, selectedProfile, type Consumer } from '../../aws/profile-selection.js';
import { shellOf, shellQuote } from '../../knowledge/shell.js';
import { reclaimCommands } from '../caches/file-safety.js';
import { loadConfig } from '../aws-config.js';
import { consumerViews, MODELLED, type ConsumerView } from './consumer-views.js';

function rejectionFix(file: string, line: number, message: string): { text: string; commands: string[] } {
  const q = JSON.stringify(file);
  if (message.includes('byte-order mark')) return { text: `Remove the byte-order mark at the start of ${file} (editors call it "UTF-8 with BOM").`, commands: [`sed -i '1s/^\\xEF\\xBB\\xBF//' ${q}`] };
  if (message.includes('not UTF-8')) return { text: `Line ${line} of ${file} has bytes that are not UTF-8: retype it, or convert the file to UTF-8.`, commands: [`iconv -f latin1 -t utf-8 ${q} > ${q}.utf8 && mv ${q}.utf8 ${q}`] };
  if (message.includes('DuplicateSection')) return { text: `Merge the two sections: delete the header on line ${line} of ${file} and move its settings into the first one.`, commands: [] };
  if (message.includes('DuplicateOption')) return { text: `Keep one of the two settings: delete line ${line} of ${file} (or the earlier one).`, commands: [] };
  if (message.includes('MissingSectionHeader')) return { text: `Move line ${line} of ${file} under a [profile NAME] section, or delete it.`, commands: [] };
  if (message.includes('indented block')) return { text: `Indented lines continue the setting above them: remove the indentation on the lines after line ${line} of ${file}, or write them as \`key = value\`.`, commands: [] };
  return { text: `Edit line ${line} of ${file}: every line must be a [section], a key = value setting, a comment or empty.`, commands: [] };
}

/** One finding per file a consumer refuses as a whole, naming which consumers refuse it and what the others do. */
function rejections(views: Record<Consumer, ConsumerView>): FindingInput[] {
  const byFile = new Map<string, { file: string; line: number; message: string; who: Consumer[] }>();
  for (const c of MODELLED) {
    const r = views[c].files.rejected;
    if (!r) continue;
    const key = `${r.file}:${r.line}`;
    const entry = byFile.get(key) ?? { ...r, who: [] };
    entry.who.push(c);
    byFile.set(key, entry);
  }
  return [...byFile.values()].map(({ file, line, message, who }) => {
    const others = MODELLED.filter((c) => !who.includes(c));
    const names = who.map((c) => CONSUMER_LABELS[c]).join(' and ');
    const effect = who.includes('js') && who.length === 1
      ? 'The AWS SDK for JavaScript v3 throws on it and then silently reads the file as empty.'
      : `${names} refuse the whole file ("Unable to parse config file: ${file}"), so no profile works for them.`;
    const rest = others.length ? ` ${others.map((c) => CONSUMER_LABELS[c]).join(' and ')} read${others.length === 1 ? 's' : ''} it anyway, skipping what ${others.length === 1 ? 'it does' : 'they do'} not understand, so tools disagree.` : '';
    return {
      code: 'config-parse-error' as const,
      status: 'fail' as const,
      title: `${names} cannot read ${file}:${line}`,
      detail: `${file}:${line}: ${message}. ${effect}${rest}`,
      fix: rejectionFix(file, line, message),
      evidence: { file, line, consumers: who, reason: message },
    };
  });
}

function unreadable(ctx: Context, kind: string, path: string, result: Extract<ReadResult, { ok: false }>): FindingInput {
  const why: Record<typeof result.reason, string> = {
    missing: 'it does not exist',
    'not-a-file': 'it is not a regular file',
    'too-large': 'it is far larger than any AWS config file',
    denied: 'permission is denied',
    error: 'it could not be read',
  };
  return {
    code: 'config-file-unreadable',
    status: 'fail',
    title: `The ${kind} file cannot be read: ${why[result.reason]}`,
    detail: `${path}: ${result.message}\nEvery AWS SDK and CLI fails to load profiles from it.`,
    fix: {
      text: `Make ${path} a readable regular file owned by you (or point AWS_${kind === 'config' ? 'CONFIG_FILE' : 'SHARED_CREDENTIALS_FILE'} elsewhere).`,
      commands: result.reason === 'denied' ? reclaimCommands(ctx, path) : [],
    },
    evidence: { path, reason: result.reason },
  };
}

export const configFilesCheck: Check = {
  id: 'config.files',
  title: 'AWS config and credentials files',
  category: 'config',
  touches: ['files'],
  async run(ctx) {
    const { config, files } = await loadConfig(ctx);
    const findings: FindingInput[] = [];
    const both = [
      ['config', config.configPath, files.config],
      ['credentials', config.credentialsPath, files.credentials],
    ] as const;
    for (const [kind, path, result] of both) {
      if (!result.ok && result.reason !== 'missing') findings.push(unreadable(ctx, kind, path, result));
    }
    if (!files.config.ok && files.config.reason === 'missing' && !files.credentials.ok && files.credentials.reason === 'missing') {
      // The root cause of every "profile not found" that follows: it fails as the named profile's finding would.
      const choice = selectedProfile(ctx.env, ctx.options.profile);
      const named = choice.from !== 'default' && !ctx.options.allProfiles;
      findings.push({
        code: 'config-files-missing',
        status: named ? 'fail' : 'warn',
        title: 'No AWS config or credentials file',
        detail: `Neither ${config.configPath} nor ${config.credentialsPath} exists, so no profile is configured here${named ? `, not even "${choice.name}" (chosen by ${choice.from})` : ''}.`,
        fix: {
          text: `Sign in with the AWS CLI v2 (${FLOORS.cliLogin.version} or later); it creates the profile.`,
          commands: [choice.name === 'default' ? 'aws login' : `aws login --profile ${shellQuote(shellOf(ctx), choice.name)}`],
        },
        evidence: { config: config.configPath, credentials: config.credentialsPath },
      });
    }
    if (ctx.platform === 'win32') {
      for (const error of config.parseErrors) {
        findings.push({
          code: 'config-parse-error',
          status: 'fail',
          title: `Unparseable line in ${error.file}:${error.line}`,
          detail: `${error.file}:${error.line}: ${error.message}. botocore, boto3 and the AWS CLI refuse the whole file because of it ("Unable to parse config file").`,
          fix: { text: `Edit line ${error.line} of ${error.file}.`, commands: [] },
          evidence: { file: error.file, line: error.line },
        });
      }
    } else findings.push(...rejections(await consumerViews(ctx)));
    for (const section of config.bareSections) {
      findings.push({
        code: 'config-bare-section',
        status: 'warn',
        title: `[${section.name}] in the config file is not a profile`,
        detail: `${section.file}:${section.line}: in the config file only [default] and [profile NAME] are profiles; every SDK ignores [${section.name}]${section.values.size ? ` and its ${section.values.size} setting(s)` : ''}. (Bare [NAME] belongs in the credentials file.)`,
        fix: { text: `Rename the section on line ${section.line} to [profile ${section.name}].`, commands: [] },
        evidence: { file: section.file, line: section.line, section: section.name },
      });
    }
    if (findings.length === 0) {
      findings.push({
        code: 'config-files-ok',
        status: 'pass',
        title: `Config files parse cleanly (${config.profiles.size} profile${config.profiles.size === 1 ? '' : 's'})`,
        evidence: {
          config: config.configPath,
          credentials: config.credentialsPath,
          profiles: config.profiles.size,
        },
      });
    }
    return findings;
  },
};
