import { profileKind } from '../../aws/config.js';
import type { Check } from '../../engine/check.js';
import type { FindingInput } from '../../engine/finding.js';
import { didYouMean } from '../../engine/suggest.js';
import { BOTOCORE_ERRORS } from '../../knowledge/botocore-errors.js';
import { JS_SDK_ERRORS } from '../../knowledge/js-sdk-errors.js';
import { setEnv, shellQuote, unsetEnv, shellOf } from '../../knowledge/shell.js';
import { loadConfig } from '../aws-config.js';
import { profileFor, selectedProfile } from '../../aws/profile-selection.js';

export const profileCheck: Check = {
  id: 'config.profile',
  title: 'Selected profile',
  category: 'config',
  touches: ['files'],
  async run(ctx) {
    const { config, files } = await loadConfig(ctx);
    const findings: FindingInput[] = [];
    // A file too large to read (config-file-too-large) may well define the profile: do not say it does not.
    const unread = [files.config, files.credentials].some((r) => !r.ok && r.reason === 'too-large');
    // A file no consumer can read (config-file-unreadable) hides whatever profiles it holds.
    const unreadable = [files.config, files.credentials].some((r) => !r.ok && r.reason !== 'missing' && r.reason !== 'too-large');
    const { AWS_PROFILE, AWS_DEFAULT_PROFILE } = ctx.env;
    if (!ctx.options.profile && AWS_PROFILE && AWS_DEFAULT_PROFILE && AWS_PROFILE !== AWS_DEFAULT_PROFILE) {
      findings.push({
        code: 'profile-env-conflict',
        status: 'warn',
        title: 'AWS_PROFILE and AWS_DEFAULT_PROFILE name different profiles',
        detail:
          `AWS_PROFILE=${AWS_PROFILE} but AWS_DEFAULT_PROFILE=${AWS_DEFAULT_PROFILE}. ` +
          `pip botocore/boto3 use "${profileFor('botocore', ctx.env, null).name}" (AWS_DEFAULT_PROFILE first); ` +
          `the AWS CLI v2 and the JS SDK use "${profileFor('cli-v2', ctx.env, null).name}" (AWS_PROFILE first). Tools silently act as different identities.`,
        fix: {
          text: 'Keep one of the two variables.',
          commands: [unsetEnv(shellOf(ctx), ['AWS_DEFAULT_PROFILE'])],
        },
        evidence: { AWS_PROFILE, AWS_DEFAULT_PROFILE },
      });
    }
    if (ctx.options.allProfiles) {
      findings.push({
        code: 'profile-selected',
        status: config.profiles.size ? 'pass' : 'info',
        title: config.profiles.size === 1 ? 'Diagnosing the only profile' : `Diagnosing all ${config.profiles.size} profiles`,
        evidence: { profiles: [...config.profiles.keys()] },
      });
      return findings;
    }
    const choice = selectedProfile(ctx.env, ctx.options.profile);
    const data = config.profiles.get(choice.name);
    if (!data && unread) return findings;
    if (!data) {
      const known = [...config.profiles.keys()];
      // The implicit default profile may legitimately be absent (env keys, instance roles).
      const implicitDefault = choice.from === 'default';
      // A typo of an existing name is likelier than a profile still to create: offer that name first.
      const close = didYouMean(choice.name, known);
      const fromEnv = choice.from === 'AWS_PROFILE' || choice.from === 'AWS_DEFAULT_PROFILE';
      findings.push({
        code: 'profile-not-found',
        status: implicitDefault ? 'warn' : 'fail',
        title: `Profile "${choice.name}" is not defined`,
        detail:
          `${choice.from === 'default' ? 'No profile was named, so the SDKs use' : `Chosen by ${choice.from}:`} "${choice.name}", which is in neither ${config.configPath} nor ${config.credentialsPath}. ` +
          // Only a named profile is an error of its own; without one the chains go on to environment and instance credentials.
          (implicitDefault
            ? `The SDKs then look only at environment variables and container or instance metadata; with none, botocore fails with "${BOTOCORE_ERRORS.noCredentials.text}" and the JS SDK with "${JS_SDK_ERRORS.noProviders.text}". `
            : `The SDKs fail with "The config profile (${choice.name}) could not be found". `) +
          (known.length ? `Profiles that exist: ${known.join(', ')}.` : 'No profiles exist.'),
        fix: {
          text:
            (close ? `Did you mean "${close}"? ` : '') +
            (fromEnv ? `Unset ${choice.from} or name an existing profile, or sign in to create it.` : 'Name an existing profile, or sign in to create this one.'),
          commands: [
            ...(close && choice.from === '--profile' ? [`login-doctor --profile ${shellQuote(shellOf(ctx), close)}`] : []),
            ...(fromEnv ? [unsetEnv(shellOf(ctx), [choice.from])] : []),
            ...((close ?? known[0]) && choice.from !== '--profile' ? [setEnv(shellOf(ctx), 'AWS_PROFILE', (close ?? known[0])!)] : []),
            choice.name === 'default' ? 'aws login' : `aws login --profile ${shellQuote(shellOf(ctx), choice.name)}`,
          ],
        },
        evidence: { profile: choice.name, from: choice.from, known, suggestion: close },
        // With no config file at all, or one that cannot be read, config.files reports the cause.
        ...(known.length === 0 || unreadable ? { consequenceOf: { codes: ['config-files-missing', 'config-file-unreadable'] } } : {}),
      });
      return findings;
    }
    const kind = profileKind(data);
    findings.push({
      code: 'profile-selected',
      status: 'pass',
      title: `Profile "${choice.name}" (${kind}) chosen by ${choice.from}`,
      detail: `Defined at ${[data.configSection, data.credentialsSection]
        .filter((s) => s !== null)
        .map((s) => `${s.file}:${s.line}`)
        .join(' and ')}.`,
      evidence: { profile: choice.name, kind, from: choice.from },
    });
    return findings;
  },
};
