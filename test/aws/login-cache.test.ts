import assert from 'node:assert/strict';
import { generateKeyPairSync } from 'node:crypto';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { pythonExpandPath } from '../../src/aws/paths.js';
import {
  canonicalP256Format,
  checkDpopKey,
  checkDpopKeyWithOpenSsl,
  idTokenTimes,
  loginCacheDirs,
  loginCacheFileName,
  loginCachePaths,
  loginClientKind,
  loginSessionAccount,
  parseLoginCache,
} from '../../src/aws/login-cache.js';
import { parseSsoToken } from '../../src/aws/sso-cache.js';
import { SECRETS, fakeIdToken, loginToken, p256Sec1Pem, p384Sec1Pem, pythonJsonDumps, rsaPem } from '../support/token-fixtures.js';

const pem = p256Sec1Pem();

describe('login cache location', () => {
  test('file name is the lowercase SHA-256 hex of the exact login_session (fact sheet examples)', () => {
    assert.equal(loginCacheFileName('arn:aws:iam::123456789012:user/alice'), 'b7d71d383b9557a9bad4c3346c50365819226484c6824a0fdef66637be339db0.json');
    assert.equal(loginCacheFileName('arn:aws:iam::123456789012:user/test'), 'e966c749d7184c033661a9be5f6ffb76c392810e2c19e60c327801d171bd98b8.json');
    assert.notEqual(loginCacheFileName('arn:aws:iam::123456789012:user/alice '), loginCacheFileName('arn:aws:iam::123456789012:user/alice'));
  });

  test('default folder is <home>/.aws/login/cache for every consumer', () => {
    assert.deepEqual(loginCacheDirs({}, '/h', 'linux'), { botocore: '/h/.aws/login/cache', js: '/h/.aws/login/cache', fromEnv: null });
    assert.deepEqual(loginCacheDirs({}, 'C:\\Users\\a', 'win32').botocore, 'C:\\Users\\a\\.aws\\login\\cache');
  });

  test('botocore expands $VAR, ${VAR} and ~ in AWS_LOGIN_CACHE_DIRECTORY; the JS SDK takes it verbatim', () => {
    const env = { AWS_LOGIN_CACHE_DIRECTORY: '~/c', XDG: '/x' };
    assert.deepEqual(loginCacheDirs(env, '/h', 'linux'), { botocore: '/h/c', js: '~/c', fromEnv: '~/c' });
    assert.equal(pythonExpandPath('$XDG/login', env, 'linux', '/h'), '/x/login');
    assert.equal(pythonExpandPath('${XDG}/login', env, 'linux', '/h'), '/x/login');
    assert.equal(pythonExpandPath('$UNSET/login', env, 'linux', '/h'), '$UNSET/login');
    assert.equal(pythonExpandPath('~', env, 'linux', '/h'), '/h');
    assert.equal(pythonExpandPath('~bob/c', env, 'linux', '/h'), '~bob/c');
    assert.equal(pythonExpandPath('/abs/c', env, 'linux', '/h'), '/abs/c');
    assert.equal(pythonExpandPath('%XDG%\\c', env, 'win32', 'C:\\h'), '/x\\c');
  });

  test('on Windows the variable is found in any letter case (os.environ and process.env both ignore it there)', () => {
    const env = { aws_login_cache_directory: 'D:\\cache' };
    assert.deepEqual(loginCacheDirs(env, 'C:\\Users\\a', 'win32'), { botocore: 'D:\\cache', js: 'D:\\cache', fromEnv: 'D:\\cache' });
    assert.equal(loginCacheDirs(env, '/h', 'linux').fromEnv, null);
  });

  test('loginCachePaths resolves relative folders against cwd', () => {
    const p = loginCachePaths('s', { AWS_LOGIN_CACHE_DIRECTORY: '~/c' }, '/h', 'linux', '/work');
    assert.equal(p.botocoreFile, `/h/c/${loginCacheFileName('s')}`);
    assert.equal(p.jsFile, `/work/~/c/${loginCacheFileName('s')}`);
  });
});

describe('parseLoginCache', () => {
  test('accepts the AWS CLI form and the JS SDK form, returning every secret', () => {
    const cli = parseLoginCache(pythonJsonDumps(loginToken({ expiresAt: '2026-01-05T07:12:30Z', dpopKey: pem })));
    assert.ok(cli.ok);
    assert.equal(cli.expiresAt.toISOString(), '2026-01-05T07:12:30.000Z');
    assert.equal(cli.file.accessToken.accountId, '123456789012');
    for (const s of [SECRETS.secretAccessKey, SECRETS.sessionToken, SECRETS.refreshToken, pem]) assert.ok(cli.secrets.includes(s));
    assert.ok(cli.secrets.some((s) => s.endsWith(SECRETS.idTokenSignature)));
    const js = parseLoginCache(JSON.stringify(loginToken({ expiresAt: '2026-01-05T07:12:30.000Z', dpopKey: pem }), null, 2));
    assert.ok(js.ok);
    assert.equal(js.expiresAt.getTime(), cli.expiresAt.getTime());
  });

  test('the parsed file holds only checked fields: an optional field of another type is left out, extra fields too', () => {
    const token = { ...loginToken({ expiresAt: '2026-01-05T07:12:30Z', dpopKey: pem }), idToken: 5, tokenType: 'aws_sigv4', extra: { deep: true } };
    const r = parseLoginCache(JSON.stringify(token));
    assert.ok(r.ok);
    assert.equal(r.file.idToken, undefined);
    assert.equal(r.file.tokenType, 'aws_sigv4');
    assert.ok(!('extra' in r.file));
    assert.deepEqual(Object.keys(r.file.accessToken).sort(), ['accessKeyId', 'accountId', 'expiresAt', 'secretAccessKey', 'sessionToken']);
  });

  test('reports where JSON parsing stopped', () => {
    const text = '{\n  "accessToken": {\n    "accessKeyId": "A"\n    "secretAccessKey": "B"\n  }\n}';
    const r = parseLoginCache(text);
    assert.ok(!r.ok && r.error === 'json');
    assert.deepEqual([r.syntax.line, r.syntax.column, r.syntax.message], [4, 5, 'expected "," or "}" after a property value, found a double quote']);
    const bom = parseLoginCache('\ufeff{}');
    assert.ok(!bom.ok && bom.error === 'json');
    assert.match(bom.syntax.message, /byte order mark/);
    const empty = parseLoginCache('');
    assert.ok(!empty.ok && empty.error === 'json');
    assert.deepEqual([empty.syntax.line, empty.syntax.column], [1, 1]);
  });

  test('JSON that is not an object', () => {
    const r = parseLoginCache('[1, 2]');
    assert.ok(!r.ok && r.error === 'not-an-object');
    assert.equal(r.found, 'an array');
  });

  test('names every missing or mistyped field, and still returns the secrets it found', () => {
    const token = loginToken({ expiresAt: '2026-01-05T07:12:30Z', dpopKey: pem }) as Record<string, any>;
    delete token.dpopKey;
    token.clientId = 42;
    token.accessToken.sessionToken = '';
    delete token.accessToken.expiresAt;
    const r = parseLoginCache(JSON.stringify(token));
    assert.ok(!r.ok && r.error === 'fields');
    assert.deepEqual(r.problems, [
      { field: 'clientId', problem: 'not a string' },
      { field: 'dpopKey', problem: 'missing' },
      { field: 'accessToken.sessionToken', problem: 'empty' },
      { field: 'accessToken.expiresAt', problem: 'missing' },
    ]);
    assert.ok(r.secrets.includes(SECRETS.refreshToken));
    const noAccess = parseLoginCache(JSON.stringify({ ...token, accessToken: 'x' }));
    assert.ok(!noAccess.ok && noAccess.error === 'fields');
    assert.deepEqual(noAccess.problems[0], { field: 'accessToken', problem: 'not an object' });
  });

  test('an unparsable expiresAt is an error', () => {
    const r = parseLoginCache(JSON.stringify(loginToken({ expiresAt: '05/01/2026 07:12', dpopKey: pem })));
    assert.ok(!r.ok && r.error === 'expires-at');
  });
});

describe('token facts', () => {
  test('idToken iat/auth_time are decoded; malformed tokens give null', () => {
    const t = idTokenTimes(fakeIdToken({ iat: 1767596400, auth_time: 1767596000 }));
    assert.equal(t?.issuedAt?.toISOString(), '2026-01-05T07:00:00.000Z');
    assert.equal(t?.authTime?.toISOString(), '2026-01-05T06:53:20.000Z');
    assert.equal(idTokenTimes(fakeIdToken({ sub: 'x' })), null);
    assert.equal(idTokenTimes('not.a-jwt'), null);
    assert.equal(idTokenTimes('a.%%%.c'), null);
    assert.equal(idTokenTimes(undefined), null);
  });

  test('account from the login_session ARN', () => {
    assert.equal(loginSessionAccount('arn:aws:iam::123456789012:user/alice'), '123456789012');
    assert.equal(loginSessionAccount('arn:aws:sts::123456789012:assumed-role/r/s'), '123456789012');
    assert.equal(loginSessionAccount('alice'), null);
  });

  test('client kind from clientId', () => {
    assert.equal(loginClientKind('arn:aws:signin:::devtools/same-device'), 'same-device');
    assert.equal(loginClientKind('arn:aws:signin:::devtools/cross-device'), 'cross-device');
    assert.equal(loginClientKind('other'), 'unknown');
  });
});

describe('checkDpopKey', () => {
  test('accepts P-256 as SEC1 and PKCS8 PEM', () => {
    assert.deepEqual(checkDpopKey(pem), { ok: true, format: 'sec1' });
    const pkcs8 = generateKeyPairSync('ec', { namedCurve: 'prime256v1' }).privateKey.export({ format: 'pem', type: 'pkcs8' }).toString();
    assert.deepEqual(checkDpopKey(pkcs8), { ok: true, format: 'pkcs8' });
  });

  test('rejects P-384, RSA, public keys, garbage and non-PEM', () => {
    assert.deepEqual(checkDpopKey(p384Sec1Pem()), { ok: false, reason: 'it is an EC key on P-384, not P-256' });
    assert.deepEqual(checkDpopKey(rsaPem()), { ok: false, reason: 'it is a RSA key, not an EC key' });
    const pub = generateKeyPairSync('ec', { namedCurve: 'prime256v1' }).publicKey.export({ format: 'pem', type: 'spki' }).toString();
    assert.equal(checkDpopKey(pub).ok, false);
    const garbage = checkDpopKey('-----BEGIN EC PRIVATE KEY-----\nbm90IGEga2V5\n-----END EC PRIVATE KEY-----\n');
    assert.deepEqual(garbage, { ok: false, reason: 'node:crypto cannot load it as a private key (PEM type "EC PRIVATE KEY")' });
    assert.deepEqual(checkDpopKey('hello'), { ok: false, reason: 'it is not PEM (no "-----BEGIN ...-----" line)' });
  });
});

describe('checkDpopKey fast path (canonical P-256 without OpenSSL)', () => {
  const der = (type: 'sec1' | 'pkcs8') => generateKeyPairSync('ec', { namedCurve: 'prime256v1' }).privateKey.export({ format: 'der', type });
  const pemOf = (type: 'sec1' | 'pkcs8', bytes: Buffer, columns = 64, eol = '\n') => {
    const label = type === 'sec1' ? 'EC PRIVATE KEY' : 'PRIVATE KEY';
    return `-----BEGIN ${label}-----${eol}${bytes.toString('base64').match(new RegExp(`.{1,${columns}}`, 'g'))!.join(eol)}${eol}-----END ${label}-----${eol}`;
  };
  /** The DER with its public point (the last 64 bytes) replaced. */
  const withPoint = (bytes: Buffer, x: bigint, y: bigint) =>
    Buffer.concat([bytes.subarray(0, bytes.length - 64), Buffer.from(x.toString(16).padStart(64, '0'), 'hex'), Buffer.from(y.toString(16).padStart(64, '0'), 'hex')]);
  const P = 0xffffffff00000001000000000000000000000000ffffffffffffffffffffffffn;

  test('takes the fast path for the keys aws login, botocore and the JS SDK write, with node:crypto\'s answer', () => {
    for (const type of ['sec1', 'pkcs8'] as const) {
      for (let i = 0; i < 20; i += 1) {
        const text = pemOf(type, der(type));
        assert.equal(canonicalP256Format(text), type);
        assert.equal(canonicalP256Format(text.trimEnd()), type);
        assert.deepEqual(checkDpopKey(text), checkDpopKeyWithOpenSsl(text));
        assert.deepEqual(checkDpopKey(text.trimEnd()), checkDpopKeyWithOpenSsl(text.trimEnd()));
      }
    }
    assert.equal(canonicalP256Format(pem), 'sec1');
  });

  test('every other key, layout or corruption gives exactly the node:crypto finding', () => {
    const cases: string[] = [p384Sec1Pem(), rsaPem(), 'hello', '-----BEGIN EC PRIVATE KEY-----\nbm90IGEga2V5\n-----END EC PRIVATE KEY-----\n'];
    for (const type of ['sec1', 'pkcs8'] as const) {
      const bytes = der(type);
      const [x, y] = [BigInt(`0x${bytes.toString('hex', bytes.length - 64, bytes.length - 32)}`), BigInt(`0x${bytes.toString('hex', bytes.length - 32)}`)];
      cases.push(
        pemOf(type, bytes, 76),
        pemOf(type, bytes, 64, '\r\n'),
        `junk before\n${pemOf(type, bytes)}`,
        `${pemOf(type, bytes)}junk after\n`,
        pemOf(type, bytes).replace('-----END', '\n-----END'),
        pemOf(type, withPoint(bytes, x, (y + 1n) % P)),
        pemOf(type, withPoint(bytes, x, P - y)),
        pemOf(type, withPoint(bytes, x + P < 2n ** 256n ? x + P : x, y)),
        pemOf(type, withPoint(bytes, x, y + P < 2n ** 256n ? y + P : y)),
        pemOf(type, withPoint(bytes, 0n, 0n)),
        pemOf(type, bytes.subarray(0, bytes.length - 1)),
        pemOf(type, Buffer.concat([bytes, Buffer.from([0])])),
      );
      // Every single-bit flip of the DER: a changed tag, length, OID, version or coordinate.
      for (let i = 0; i < bytes.length; i += 1) {
        for (const bit of [0, 7]) {
          const flipped = Buffer.from(bytes);
          flipped[i]! ^= 1 << bit;
          cases.push(pemOf(type, flipped));
        }
      }
    }
    // Base64 with non-zero padding bits decodes to the same bytes but is not what a writer produces.
    const sec1 = pemOf('sec1', der('sec1'));
    cases.push(sec1.replace(/([A-Za-z0-9+/])==\n/, (_, c: string) => `${c === 'A' ? 'B' : String.fromCharCode(c.charCodeAt(0) ^ 1)}==\n`));
    for (const text of cases) assert.deepEqual(checkDpopKey(text), checkDpopKeyWithOpenSsl(text), text);
  });
});

describe('hostile cache contents', () => {
  test('parseLoginCache and parseSsoToken return a result, never throw, for any text or JSON value', () => {
    const anyText = fc.oneof(fc.string(), fc.jsonValue().map((v) => JSON.stringify(v)), fc.anything().map((v) => JSON.stringify({ accessToken: v, clientId: v, refreshToken: v, dpopKey: v, expiresAt: v }) ?? ''));
    fc.assert(
      fc.property(anyText, (text) => {
        assert.equal(typeof parseLoginCache(text).ok, 'boolean');
        assert.equal(typeof parseSsoToken(text).ok, 'boolean');
      }),
    );
  });

  test('mutating any field of a valid token gives a typed error, not an exception', () => {
    const valid = loginToken({ expiresAt: '2026-01-05T07:12:30Z', dpopKey: pem }) as Record<string, any>;
    const paths = [...Object.keys(valid).map((k) => [k]), ...Object.keys(valid.accessToken).map((k) => ['accessToken', k])];
    fc.assert(
      fc.property(fc.constantFrom(...paths), fc.jsonValue(), (path, value) => {
        const copy = structuredClone(valid);
        if (path.length === 1) copy[path[0]!] = value;
        else copy.accessToken[path[1]!] = value;
        const r = parseLoginCache(JSON.stringify(copy));
        if (!r.ok) assert.ok(['fields', 'expires-at'].includes(r.error), r.error);
      }),
    );
  });
});
