import type { Check } from '../../engine/check.js';
import { FLOORS } from '../../knowledge/floors.js';
import type { FindingInput } from '../../engine/finding.js';
import type { ReadResult } from '../../engine/context.js';
import { loadConfig } from '../aws-config.js';

function unreadable(kind: string, path: string, result: Extract<ReadResult, { ok: false }>): FindingInput {
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
      commands: result.reason === 'denied' ? [`sudo chown "$(id -un)" ${JSON.stringify(path)}`, `chmod 600 ${JSON.stringify(path)}`] : [],
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
      if (!result.ok && result.reason !== 'missing') findings.push(unreadable(kind, path, result));
    }
    if (!files.config.ok && files.config.reason === 'missing' && !files.credentials.ok && files.credentials.reason === 'missing') {
      findings.push({
        code: 'config-files-missing',
        status: 'warn',
        title: 'No AWS config or credentials file',
        detail: `Neither ${config.configPath} nor ${config.credentialsPath} exists, so no profile is configured here.`,
        fix: { text: `Sign in with the AWS CLI v2 (${FLOORS.cliLogin.version} or later); it creates the profile.`, commands: ['aws login'] },
        evidence: { config: config.configPath, credentials: config.credentialsPath },
      });
    }
    for (const error of config.parseErrors) {
      findings.push({
        code: 'config-parse-error',
        status: error.fatalForBotocore ? 'fail' : 'warn',
        title: `Unparseable line in ${error.file}:${error.line}`,
        detail: `${error.file}:${error.line}: ${error.message}.${error.fatalForBotocore ? ' botocore, boto3 and the AWS CLI refuse the whole file because of it ("Unable to parse config file").' : ''}`,
        fix: { text: `Edit line ${error.line} of ${error.file}.`, commands: [] },
        evidence: { file: error.file, line: error.line },
      });
    }
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
