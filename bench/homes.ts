/** The bench's HOMEs: built in temporary folders by bench/run.ts and bench/profile-scale.ts. */
import { execFileSync } from 'node:child_process';
import { createHash, generateKeyPairSync } from 'node:crypto';
import { mkdirSync, mkdtempSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeStubPackages } from '../test/support/python-envs.js';

const run = (cmd: string, args: string[]) => execFileSync(cmd, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim();

function sec1Pem(): string {
  return generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey.export({ format: 'pem', type: 'sec1' }).toString();
}

/** `profiles` profiles cycling through login, sso-session, legacy SSO, assume-role on a login source, credential_process and static keys. */
export function buildHome(name: string, profiles: number): string {
  const home = mkdtempSync(join(tmpdir(), `ld-bench-${name}-`));
  const aws = join(home, '.aws');
  mkdirSync(join(aws, 'login', 'cache'), { recursive: true, mode: 0o700 });
  mkdirSync(join(aws, 'sso', 'cache'), { recursive: true, mode: 0o700 });
  const account = '111122223333';
  const expires = new Date(Date.now() + 10 * 60_000).toISOString().replace(/\.\d{3}Z$/, 'Z');
  const kinds = ['login', 'login', 'sso', 'role', 'legacy', 'login', 'process', 'sso', 'static', 'login'];
  let config = '[sso-session corp]\nsso_start_url = https://corp.awsapps.com/start\nsso_region = us-east-1\nsso_registration_scopes = sso:account:access\n\n';
  let credentials = '';
  for (let n = 0; n < profiles; n += 1) {
    const kind = kinds[n % kinds.length]!;
    const pname = n === 0 ? 'default' : n === 1 ? 'dev' : `p${n}`;
    const header = pname === 'default' ? '[default]' : `[profile ${pname}]`;
    if (kind === 'login') {
      const session = `arn:aws:iam::${account}:user/${pname}-user`;
      config += `${header}\nlogin_session = ${session}\nregion = us-east-1\n\n`;
      const token = {
        accessToken: { accessKeyId: 'ASIABENCHMARK0000001', secretAccessKey: 'bench-secret', sessionToken: 'bench-session', accountId: account, expiresAt: expires },
        tokenType: 'aws_sigv4',
        clientId: 'arn:aws:signin:::devtools/same-device',
        refreshToken: 'bench-refresh',
        idToken: 'e30.e30.sig',
        dpopKey: sec1Pem(),
      };
      writeFileSync(join(aws, 'login', 'cache', `${createHash('sha256').update(session).digest('hex')}.json`), JSON.stringify(token), { mode: 0o600 });
    } else if (kind === 'sso') config += `${header}\nsso_session = corp\nsso_account_id = ${account}\nsso_role_name = Role${n}\nregion = us-east-1\n\n`;
    else if (kind === 'legacy') config += `${header}\nsso_start_url = https://legacy.awsapps.com/start\nsso_region = us-east-1\nsso_account_id = ${account}\nsso_role_name = ReadOnly\n\n`;
    else if (kind === 'role') config += `${header}\nrole_arn = arn:aws:iam::${account}:role/deploy${n}\nsource_profile = default\nregion = us-east-1\n\n`;
    else if (kind === 'process') config += `${header}\ncredential_process = /usr/bin/false\nregion = us-east-1\n\n`;
    else credentials += `[${pname}]\naws_access_key_id = AKIABENCHMARK${String(n).padStart(7, '0')}\naws_secret_access_key = bench-static\n\n`;
  }
  writeFileSync(join(aws, 'config'), config, { mode: 0o600 });
  writeFileSync(join(aws, 'credentials'), credentials, { mode: 0o600 });
  const sso = { startUrl: 'https://corp.awsapps.com/start', region: 'us-east-1', accessToken: 'bench-sso', expiresAt: expires, clientId: 'c', clientSecret: 's', registrationExpiresAt: '2099-01-01T00:00:00Z', refreshToken: 'r' };
  writeFileSync(join(aws, 'sso', 'cache', `${createHash('sha1').update('corp').digest('hex')}.json`), JSON.stringify(sso), { mode: 0o600 });
  writeFileSync(join(aws, 'sso', 'cache', `${createHash('sha1').update('https://legacy.awsapps.com/start').digest('hex')}.json`), JSON.stringify({ ...sso, startUrl: 'https://legacy.awsapps.com/start' }), { mode: 0o600 });
  return home;
}

function venv(base: string, dir: string, systemSite: boolean): string {
  execFileSync(base, ['-m', 'venv', '--without-pip', ...(systemSite ? ['--system-site-packages'] : []), dir], { stdio: 'ignore' });
  return join(dir, 'bin', 'python');
}

function sitePackages(python: string): string {
  return run(python, ['-c', 'import sysconfig; print(sysconfig.get_paths()["purelib"])']);
}

/**
 * Python environments as a developer machine has them: pipx and uv tool environments, a project .venv and
 * loose venvs; some with botocore (the real one through system site-packages, or small stand-ins), some without.
 * Returns the interpreters to pass with --python (tool environments are also where tool discovery looks).
 */
export function buildPythonEnvs(home: string, project: string, count: number): string[] {
  const pyenvPython = run('python3', ['-c', 'import sys; print(sys.executable)']);
  const debian = existsSync('/usr/bin/python3') ? '/usr/bin/python3' : pyenvPython;
  const out: string[] = [];
  const plans: Array<() => string> = [
    () => venv(pyenvPython, join(project, '.venv'), true),
    () => {
      const py = venv(debian, join(home, '.local', 'share', 'pipx', 'venvs', 'cfn-lint'), false);
      writeStubPackages(sitePackages(py), { botocore: { version: '1.42.30', login: true, signature: 'padded' }, boto3: '1.42.30' });
      writeFileSync(join(home, '.local', 'share', 'pipx', 'venvs', 'cfn-lint', 'pipx_metadata.json'), '{}');
      return py;
    },
    () => {
      const dir = join(home, '.local', 'share', 'uv', 'tools', 'ruff');
      const py = venv(debian, dir, false);
      writeFileSync(join(dir, 'uv-receipt.toml'), '[tool]\nrequirements = [{ name = "ruff" }]\n');
      return py;
    },
    () => venv(debian, join(home, 'venvs', 'debian-system'), true),
    () => {
      const dir = join(home, '.local', 'share', 'uv', 'tools', 'aws-sam-cli');
      const py = venv(debian, dir, false);
      writeStubPackages(sitePackages(py), { botocore: { version: '1.41.3', login: true, signature: 'unpadded' }, awscrt: { version: '0.28.4', ec: true, padded: false } });
      writeFileSync(join(dir, 'uv-receipt.toml'), '[tool]\nrequirements = [{ name = "aws-sam-cli" }]\n');
      return py;
    },
    () => venv(pyenvPython, join(home, 'venvs', 'empty'), false),
    () => {
      const py = venv(debian, join(home, '.local', 'share', 'pipx', 'venvs', 'black'), false);
      writeFileSync(join(home, '.local', 'share', 'pipx', 'venvs', 'black', 'pipx_metadata.json'), '{}');
      return py;
    },
    () => venv(pyenvPython, join(home, 'venvs', 'boto-real'), true),
    () => {
      const py = venv(debian, join(home, 'venvs', 'old-boto'), false);
      writeStubPackages(sitePackages(py), { botocore: { version: '1.40.76', login: false }, boto3: '1.40.76' });
      return py;
    },
    () => venv(debian, join(home, 'venvs', 'scripts'), false),
  ];
  for (const plan of plans.slice(0, count)) out.push(plan());
  return out;
}

/** A project with manifests in four languages (JS, Python, Go, Java). */
export function buildProject(home: string): string {
  const project = join(home, 'project');
  mkdirSync(project, { recursive: true });
  writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'app', dependencies: { '@aws-sdk/credential-providers': '^3.936.0', '@aws-sdk/client-s3': '^3.936.0' } }));
  writeFileSync(
    join(project, 'package-lock.json'),
    JSON.stringify({
      name: 'app',
      lockfileVersion: 3,
      packages: {
        '': { name: 'app', dependencies: { '@aws-sdk/credential-providers': '^3.936.0' } },
        'node_modules/@aws-sdk/credential-providers': { version: '3.940.0' },
        'node_modules/@aws-sdk/credential-provider-login': { version: '3.940.0' },
        'node_modules/@aws-sdk/client-s3': { version: '3.940.0' },
      },
    }),
  );
  writeFileSync(join(project, 'requirements.txt'), 'boto3==1.42.5\nbotocore[crt]==1.42.5\nawscrt==0.28.4\nrequests>=2\n');
  writeFileSync(join(project, 'pyproject.toml'), '[project]\nname = "app"\nversion = "1.0"\ndependencies = ["boto3>=1.42", "botocore[crt]>=1.42"]\n');
  writeFileSync(join(project, 'go.mod'), 'module example.com/app\n\ngo 1.22\n\nrequire (\n\tgithub.com/aws/aws-sdk-go-v2/config v1.31.0\n\tgithub.com/aws/aws-sdk-go-v2/credentials v1.18.0\n)\n');
  writeFileSync(
    join(project, 'pom.xml'),
    '<project><modelVersion>4.0.0</modelVersion><groupId>e</groupId><artifactId>app</artifactId><version>1</version><dependencies><dependency><groupId>software.amazon.awssdk</groupId><artifactId>s3</artifactId><version>2.38.0</version></dependency></dependencies></project>\n',
  );
  return project;
}


// The scale curve: work size -> median. The first point is the benchmark HOME of the speed goals.
export const SIZES = [
  { label: '5 profiles', profiles: 5, envs: 0, project: false },
  { label: '20 profiles, 4 Python envs, 4-language project', profiles: 20, envs: 4, project: true },
  { label: '50 profiles, 10 Python envs, 4-language project', profiles: 50, envs: 10, project: true },
];

/** One HOME per point of the curve (the caller removes `home`): cwd is the project when there is one. */
export function buildScaleHomes() {
  return SIZES.map((s) => {
    const home = buildHome(s.profiles === 5 ? 'small' : `p${s.profiles}`, s.profiles);
    const project = s.project ? buildProject(home) : home;
    const pythons = s.envs ? buildPythonEnvs(home, project, s.envs) : [];
    return { ...s, home, cwd: project, pythons };
  });
}
