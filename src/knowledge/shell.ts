/** Copy-pasteable commands for the user's shell: POSIX sh everywhere but Windows, PowerShell there. */

export function shellQuote(platform: NodeJS.Platform, value: string): string {
  if (platform === 'win32') return `'${value.replace(/'/g, "''")}'`;
  return /^[A-Za-z0-9_./:@%+=,-]+$/.test(value) ? value : `'${value.replace(/'/g, `'\\''`)}'`;
}

export function unsetEnv(platform: NodeJS.Platform, names: readonly string[]): string {
  if (platform === 'win32') return names.map((n) => `Remove-Item Env:${n}`).join('; ');
  return `unset ${names.join(' ')}`;
}

export function setEnv(platform: NodeJS.Platform, name: string, value: string): string {
  if (platform === 'win32') return `$Env:${name} = ${shellQuote(platform, value)}`;
  return `export ${name}=${shellQuote(platform, value)}`;
}

/** `aws login --profile P`, leaving out --profile for the default profile. */
export function awsLogin(platform: NodeJS.Platform, profile: string, extra = ''): string {
  const base = profile === 'default' ? 'aws login' : `aws login --profile ${shellQuote(platform, profile)}`;
  return extra ? `${base} ${extra}` : base;
}

/** `aws sso login --profile P`, leaving out --profile for the default profile. */
export function awsSsoLogin(platform: NodeJS.Platform, profile: string): string {
  return profile === 'default' ? 'aws sso login' : `aws sso login --profile ${shellQuote(platform, profile)}`;
}

export function awsConfigureSet(platform: NodeJS.Platform, key: string, value: string, profile: string): string {
  return `aws configure set ${key} ${shellQuote(platform, value)} --profile ${shellQuote(platform, profile)}`;
}
