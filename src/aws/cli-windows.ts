import { LOGIN_REFUSES_OTHER_CREDENTIALS, SSO_START_URL_WINDOWS, type StartUrlWindow } from '../knowledge/aws-cli-windows.js';
import { awsLogin, type ShellKind } from '../knowledge/shell.js';
import { compareCliVersions, parseCliVersion, type CliVersionTuple } from './cli-version.js';
import { getSetting, type AwsConfig, type ProfileData, type Setting } from './config.js';

function inWindow(v: CliVersionTuple, from: string, fixed: string): boolean {
  return compareCliVersions(v, parseCliVersion(from)!) >= 0 && compareCliVersions(v, parseCliVersion(fixed)!) < 0;
}

/** The start URL `aws sso login` uses for a profile: its sso-session's, else the legacy sso_start_url. */
export function ssoStartUrl(config: AwsConfig, profile: ProfileData): Setting | null {
  const session = getSetting(profile, 'sso_session');
  if (session) return config.ssoSessions.get(session.value.trim())?.values.get('sso_start_url') ?? null;
  return getSetting(profile, 'sso_start_url') ?? null;
}

/** The window this CLI version is in for this start URL, or null when `aws sso login` resolves it. */
export function brokenStartUrlWindow(startUrl: string, version: CliVersionTuple): StartUrlWindow | null {
  let host: string;
  try {
    host = new URL(startUrl.trim()).hostname.replace(/\.$/, '');
  } catch {
    return null;
  }
  return SSO_START_URL_WINDOWS.find((w) => w.hosts.test(host) && inWindow(version, w.from, w.fixed)) ?? null;
}

export interface LoginRefusal {
  /** The CLI's own word for the credentials it found (`Access Key`, `Assume Role`...). */
  style: string;
  key: string;
  setting: Setting;
}

/** Why `aws login --profile P` refuses this profile (newer CLIs, see refusesLogin), in the CLI's order; null when it does not. */
export function loginRefusal(profile: ProfileData): LoginRefusal | null {
  for (const { style, keys } of LOGIN_REFUSES_OTHER_CREDENTIALS.styles) {
    for (const key of keys) {
      const setting = getSetting(profile, key);
      if (setting) return { style, key, setting };
    }
  }
  return null;
}

export function refusesLogin(version: CliVersionTuple): boolean {
  return version[0] === 2 && compareCliVersions(version, parseCliVersion(LOGIN_REFUSES_OTHER_CREDENTIALS.from)!) >= 0;
}

/** The sign-in command for a profile: `aws login --profile P`, or a new profile name where `aws login` refuses P. */
export function loginCommandFor(shell: ShellKind, name: string, profile: ProfileData | undefined): string {
  return profile && loginRefusal(profile) ? awsLogin(shell, `${name}-login`) : awsLogin(shell, name);
}
