/**
 * A local fake AWS for tests: one HTTP server on 127.0.0.1 (ephemeral port) that answers the four services a
 * login or SSO refresh touches, and verifies what the real services verify, so a client that would fail against
 * AWS fails here too.
 *
 * API
 *   const fake = new FakeAws();            // options: { identity? }
 *   await fake.start();                    // listens on 127.0.0.1:<random>; fake.url = 'http://127.0.0.1:<port>'
 *   fake.env()                             // AWS_ENDPOINT_URL{,_SIGNIN,_STS,_SSO_OIDC,_SSO} -> fake.url, for child env
 *   fake.seedLoginSession({ clientId, refreshToken, dpopKeyPem, identity? })
 *                                          // the session the cache belongs to: current refresh token per clientId,
 *                                          // DPoP key bound to it (public key derived from the cache's private PEM)
 *   fake.seedCredentials({ accessKeyId, secretAccessKey, sessionToken, expiresAt, identity? })
 *                                          // keys STS accepts (the cache's current accessToken)
 *   fake.seedSsoSession({ clientId, clientSecret, refreshToken, accessToken, registrationExpiresAt, roles })
 *   fake.loginSession(clientId)            // { refreshToken (current), rotations, ... } to inspect after a refresh
 *   fake.issued                            // every credential set handed out by Sign-In / SSO, in order
 *   fake.requests                          // request log: { service, operation, method, path, status, outcome }
 *   fake.switches                          // failure switches, set before the client runs (see Switches)
 *   await fake.waitForRequests(n)          // resolves once n requests have arrived (no sleeping in tests)
 *   fake.unknownRequests()                 // requests it did not recognise (answered 400 "UnknownRequest")
 *   await fake.stop()                      // closes, drops stalled sockets; REJECTS if any unknown request arrived
 *
 * Sign-In  POST /v1/token (rest-json, noAuth, DPoP): checks the DPoP proof per RFC 9449 (compact JWS, typ
 *   dpop+jwt, alg ES256, jwk P-256, raw r||s 64-byte signature over header.payload with that jwk, htm/htu match the
 *   request, iat within 60 s, jti never reused), that the jwk is the key bound to the session, and that the refresh
 *   token is the current one; then rotates: new ASIA key, secret, session token, expiresIn 900, new refreshToken.
 *   The body is the `tokenOutput` payload member itself (the service model marks it httpPayload, so botocore
 *   parses it into response['tokenOutput'] and the JS SDK into `output.tokenOutput`: one body serves both).
 * STS  POST / Action=GetCallerIdentity (query protocol, XML): recomputes the SigV4 signature with
 *   @smithy/signature-v4 and the secret of the presented key; unknown key or wrong session token ->
 *   InvalidClientTokenId, expired -> ExpiredToken, bad signature -> SignatureDoesNotMatch.
 * SSO-OIDC  POST /token (CreateToken, refresh_token grant); SSO  GET /federation/credentials (GetRoleCredentials).
 *
 * Switches: signin TOKEN_EXPIRED | USER_CREDENTIALS_CHANGED | INSUFFICIENT_PERMISSIONS | INVALID_REQUEST | HTTP_500 | STALL;
 *   sts ExpiredToken | InvalidClientTokenId | SignatureDoesNotMatch | SignatureExpired | AccessDenied | HTTP_500 | STALL;
 *   stsClockSkewMs (Date header + SigV4 5-minute check); ssoOidc InvalidGrantException | InvalidClientException |
 *   ExpiredTokenException; sso UnauthorizedException. A rejected request's `reason` in the log says why.
 *
 * Client behaviours worth knowing when writing tests (seen against this fake):
 * - The JS SDK (credential-provider-login 3.972.92 here) answers a failed refresh other than AccessDenied by
 *   logging `Failed to refresh token: ... Using existing token until expiry.` and returning the old keys while they
 *   are unexpired: seed an already expired cache (expiresInS <= 0) to make such a failure throw.
 * - botocore refreshes only with <= 300 s left (login) and < 900 s (SSO); the JS SDK with <= 300 s for both.
 * - The JS SDK corrects its clock from the Date header after a "Signature expired" answer and retries.
 * - Run clients asynchronously (spawn/execFile): spawnSync blocks this process, so the fake cannot answer.
 *
 * Error texts for DPoP/refresh-token rejections are the fake's own (the real service's wording for them is not
 * documented); the modeled error shapes (`error` + `message`, x-amzn-ErrorType) follow the service models.
 */
import { createHash, createHmac, createPrivateKey, createPublicKey, randomBytes, randomUUID, verify, type JsonWebKey } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { SignatureV4 } from '@smithy/signature-v4';

export interface Identity {
  account: string;
  arn: string;
  userId: string;
}

export interface IssuedCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken: string;
  expiresAt: Date;
  identity: Identity;
  /** Who handed them out: seeded by the test, Sign-In refresh, or SSO GetRoleCredentials. */
  origin: 'seeded' | 'signin' | 'sso';
}

export interface LoginSession {
  clientId: string;
  /** The one refresh token Sign-In accepts now; replaced at every refresh. */
  refreshToken: string;
  /** Public key bound to the session (from the cache's dpopKey). */
  jwk: { x: string; y: string };
  identity: Identity;
  rotations: number;
  usedRefreshTokens: string[];
}

export interface SsoSession {
  clientId: string;
  clientSecret: string;
  refreshToken: string;
  accessToken: string;
  registrationExpiresAt: Date;
  /** `${accountId}/${roleName}` -> identity of the role credentials. */
  roles: Map<string, Identity>;
  rotations: number;
}

export type SigninFailure = 'TOKEN_EXPIRED' | 'USER_CREDENTIALS_CHANGED' | 'INSUFFICIENT_PERMISSIONS' | 'INVALID_REQUEST' | 'HTTP_500' | 'STALL';
export type StsFailure = 'ExpiredToken' | 'InvalidClientTokenId' | 'SignatureDoesNotMatch' | 'SignatureExpired' | 'AccessDenied' | 'HTTP_500' | 'STALL';

export interface Switches {
  /** Sign-In answers every token request with this failure (after reading the request). */
  signin?: SigninFailure;
  /** STS answers every request with this error, whatever the signature. */
  sts?: StsFailure;
  /** Added to the server's clock: the `Date` header of every STS answer and the SigV4 time check. */
  stsClockSkewMs?: number;
  /** SSO-OIDC CreateToken answers this (InvalidGrantException / InvalidClientException / ExpiredTokenException). */
  ssoOidc?: 'InvalidGrantException' | 'InvalidClientException' | 'ExpiredTokenException';
  /** SSO GetRoleCredentials answers UnauthorizedException. */
  sso?: 'UnauthorizedException';
}

export interface LoggedRequest {
  service: 'signin' | 'sts' | 'sso-oidc' | 'sso' | 'unknown';
  operation: string;
  method: string;
  path: string;
  status: number;
  /** `ok`, the error code answered, or `stalled`. */
  outcome: string;
  /** Why a request was rejected (DPoP, refresh token, signature...), for assertions. */
  reason?: string;
  remoteAddress: string;
  /** Headers as received (for user-agent / DPoP assertions); Authorization and tokens are not secrets here. */
  headers: Record<string, string>;
}

const DEFAULT_IDENTITY: Identity = {
  account: '123456789012',
  arn: 'arn:aws:iam::123456789012:user/alice',
  userId: 'AIDAFAKEUSERID000001',
};

const SIGNIN_MESSAGES: Record<Exclude<SigninFailure, 'STALL'>, { status: number; type: string; error: string; message: string }> = {
  TOKEN_EXPIRED: { status: 401, type: 'AccessDeniedException', error: 'TOKEN_EXPIRED', message: 'The refresh token has expired.' },
  USER_CREDENTIALS_CHANGED: { status: 403, type: 'AccessDeniedException', error: 'USER_CREDENTIALS_CHANGED', message: 'The user credentials have changed.' },
  INSUFFICIENT_PERMISSIONS: {
    status: 403,
    type: 'AccessDeniedException',
    error: 'INSUFFICIENT_PERMISSIONS',
    message: 'User is not authorized to perform: signin:CreateOAuth2Token',
  },
  INVALID_REQUEST: {
    status: 400,
    type: 'ValidationException',
    error: 'INVALID_REQUEST',
    message: 'The provided authorization grant is invalid, expired, revoked, or malformed',
  },
  HTTP_500: { status: 500, type: 'InternalServerException', error: 'server_error', message: 'Internal server error' },
};

const STS_ERRORS: Record<Exclude<StsFailure, 'STALL'>, { code: string; status: number; type: 'Sender' | 'Receiver'; message: string }> = {
  ExpiredToken: { code: 'ExpiredToken', status: 400, type: 'Sender', message: 'The security token included in the request is expired' },
  InvalidClientTokenId: { code: 'InvalidClientTokenId', status: 403, type: 'Sender', message: 'The security token included in the request is invalid.' },
  SignatureDoesNotMatch: {
    code: 'SignatureDoesNotMatch',
    status: 403,
    type: 'Sender',
    message:
      'The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.',
  },
  // What STS answers when x-amz-date is more than 5 minutes off its clock, whatever the client does about it.
  SignatureExpired: {
    code: 'SignatureDoesNotMatch',
    status: 403,
    type: 'Sender',
    message: 'Signature expired: 20260101T000000Z is now earlier than 20260101T001000Z (20260101T001000Z - 5 min.)',
  },
  AccessDenied: {
    code: 'AccessDenied',
    status: 403,
    type: 'Sender',
    message: 'User: arn:aws:iam::123456789012:user/alice is not authorized to perform: sts:GetCallerIdentity with an explicit deny',
  },
  HTTP_500: { code: 'InternalFailure', status: 500, type: 'Receiver', message: 'An internal error occurred.' },
};

/** node:crypto hash in the shape @smithy/signature-v4 wants (HMAC when given a secret). */
class NodeSha256 {
  private readonly hash;
  constructor(secret?: string | ArrayBuffer | ArrayBufferView) {
    this.hash = secret === undefined ? createHash('sha256') : createHmac('sha256', toBytes(secret));
  }
  update(data: string | ArrayBuffer | ArrayBufferView): void {
    this.hash.update(toBytes(data));
  }
  digest(): Promise<Uint8Array> {
    return Promise.resolve(new Uint8Array(this.hash.digest()));
  }
}

function toBytes(data: string | ArrayBuffer | ArrayBufferView): string | Uint8Array {
  if (typeof data === 'string') return data;
  if (ArrayBuffer.isView(data)) return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
  return new Uint8Array(data);
}

function b64urlJson(part: string): unknown {
  return JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function token(prefix: string, bytes = 24): string {
  return `${prefix}${randomBytes(bytes).toString('base64url')}`;
}

function accessKeyId(): string {
  // ASIA + 16 upper-case alphanumerics, like real temporary keys.
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  return `ASIA${[...randomBytes(16)].map((b) => alphabet[b % 32]).join('')}`;
}

function xmlEscape(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

export class FakeAws {
  url = '';
  readonly requests: LoggedRequest[] = [];
  readonly issued: IssuedCredentials[] = [];
  readonly switches: Switches = {};
  private readonly credentials = new Map<string, IssuedCredentials>();
  private readonly loginSessions = new Map<string, LoginSession>();
  private readonly ssoSessions = new Map<string, SsoSession>();
  private readonly seenJti = new Set<string>();
  private readonly sockets = new Set<Socket>();
  private server: Server | null = null;
  private readonly waiters: { count: number; resolve: () => void }[] = [];
  private readonly defaultIdentity: Identity;

  constructor(options: { identity?: Identity } = {}) {
    this.defaultIdentity = options.identity ?? DEFAULT_IDENTITY;
  }

  async start(): Promise<void> {
    const server = createServer((req, res) => void this.handle(req, res));
    server.on('connection', (socket) => {
      this.sockets.add(socket);
      socket.on('close', () => this.sockets.delete(socket));
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => resolve());
    });
    this.server = server;
    this.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  }

  /** Stops the server; rejects when a request arrived that the fake does not know, so the test fails. */
  async stop(): Promise<void> {
    const server = this.server;
    this.server = null;
    if (server) {
      for (const s of this.sockets) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
    const unknown = this.unknownRequests();
    if (unknown.length > 0) {
      throw new Error(`fake AWS received requests it does not know:\n${unknown.map((r) => `${r.method} ${r.path} (${r.reason ?? ''})`).join('\n')}`);
    }
  }

  /** Endpoint variables that send every AWS client of a child process here (AWS_ENDPOINT_URL catches the rest). */
  env(): Record<string, string> {
    return {
      AWS_ENDPOINT_URL: this.url,
      AWS_ENDPOINT_URL_SIGNIN: this.url,
      AWS_ENDPOINT_URL_STS: this.url,
      AWS_ENDPOINT_URL_SSO_OIDC: this.url,
      AWS_ENDPOINT_URL_SSO: this.url,
    };
  }

  waitForRequests(count: number): Promise<void> {
    if (this.requests.length >= count) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push({ count, resolve }));
  }

  unknownRequests(): LoggedRequest[] {
    return this.requests.filter((r) => r.service === 'unknown');
  }

  seedLoginSession(o: { clientId: string; refreshToken: string; dpopKeyPem: string; identity?: Identity }): LoginSession {
    const jwk = createPublicKey(createPrivateKey(o.dpopKeyPem)).export({ format: 'jwk' }) as JsonWebKey;
    if (jwk.crv !== 'P-256' || !jwk.x || !jwk.y) throw new Error('seedLoginSession: dpopKey is not a P-256 key');
    const session: LoginSession = {
      clientId: o.clientId,
      refreshToken: o.refreshToken,
      jwk: { x: jwk.x, y: jwk.y },
      identity: o.identity ?? this.defaultIdentity,
      rotations: 0,
      usedRefreshTokens: [],
    };
    this.loginSessions.set(o.clientId, session);
    return session;
  }

  loginSession(clientId: string): LoginSession | undefined {
    return this.loginSessions.get(clientId);
  }

  seedCredentials(o: Omit<IssuedCredentials, 'identity' | 'origin'> & { identity?: Identity }): IssuedCredentials {
    const creds: IssuedCredentials = { ...o, identity: o.identity ?? this.defaultIdentity, origin: 'seeded' };
    this.credentials.set(creds.accessKeyId, creds);
    return creds;
  }

  seedSsoSession(o: Omit<SsoSession, 'rotations' | 'roles'> & { roles: Record<string, Identity> }): SsoSession {
    const session: SsoSession = { ...o, roles: new Map(Object.entries(o.roles)), rotations: 0 };
    this.ssoSessions.set(o.clientId, session);
    return session;
  }

  ssoSession(clientId: string): SsoSession | undefined {
    return this.ssoSessions.get(clientId);
  }

  /** Requests of one service, e.g. to assert how many refreshes happened. */
  requestsTo(service: LoggedRequest['service']): LoggedRequest[] {
    return this.requests.filter((r) => r.service === service);
  }

  private issue(identity: Identity, origin: IssuedCredentials['origin'], lifetimeS: number): IssuedCredentials {
    const creds: IssuedCredentials = {
      accessKeyId: accessKeyId(),
      secretAccessKey: token('FAKESECRET-', 30),
      sessionToken: token('FAKESESSION-', 48),
      expiresAt: new Date(Date.now() + lifetimeS * 1000),
      identity,
      origin,
    };
    this.credentials.set(creds.accessKeyId, creds);
    this.issued.push(creds);
    return creds;
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const body = Buffer.concat(chunks).toString('utf8');
    const url = new URL(req.url ?? '/', 'http://placeholder');
    const headers: Record<string, string> = {};
    for (const [k, v] of Object.entries(req.headers)) headers[k] = Array.isArray(v) ? v.join(',') : (v ?? '');
    const entry: LoggedRequest = {
      service: 'unknown',
      operation: '',
      method: req.method ?? '',
      path: url.pathname,
      status: 0,
      outcome: '',
      remoteAddress: req.socket.remoteAddress ?? '',
      headers,
    };
    this.requests.push(entry);
    for (const w of this.waiters.filter((w) => this.requests.length >= w.count)) {
      this.waiters.splice(this.waiters.indexOf(w), 1);
      w.resolve();
    }
    try {
      if (req.method === 'POST' && url.pathname === '/v1/token') {
        Object.assign(entry, { service: 'signin', operation: 'CreateOAuth2Token' });
        return this.signin(req, res, body, entry);
      }
      if (req.method === 'POST' && url.pathname === '/token') {
        Object.assign(entry, { service: 'sso-oidc', operation: 'CreateToken' });
        return this.ssoOidc(res, body, entry);
      }
      if (req.method === 'GET' && url.pathname === '/federation/credentials') {
        Object.assign(entry, { service: 'sso', operation: 'GetRoleCredentials' });
        return this.sso(res, url, headers, entry);
      }
      const form = new URLSearchParams(body);
      if (req.method === 'POST' && url.pathname === '/' && form.get('Action') === 'GetCallerIdentity' && form.get('Version') === '2011-06-15') {
        Object.assign(entry, { service: 'sts', operation: 'GetCallerIdentity' });
        return await this.sts(req, res, body, url, headers, entry);
      }
      entry.reason = `no fake for ${req.method} ${url.pathname} ${form.get('Action') ?? ''}`.trim();
      this.json(res, entry, 400, { message: 'UnknownRequest' }, 'UnknownRequest');
    } catch (error) {
      entry.reason = `fake crashed: ${String(error)}`;
      this.json(res, entry, 500, { message: entry.reason }, 'InternalFailure');
    }
  }

  private json(res: ServerResponse, entry: LoggedRequest, status: number, body: unknown, errorType?: string): void {
    entry.status = status;
    entry.outcome = errorType ?? 'ok';
    const headers: Record<string, string> = { 'content-type': 'application/json', 'x-amzn-requestid': randomUUID() };
    if (errorType) headers['x-amzn-errortype'] = errorType;
    res.writeHead(status, headers);
    res.end(JSON.stringify(body));
  }

  private stall(entry: LoggedRequest): void {
    // Never answer: the socket stays open until the client gives up or stop() destroys it.
    entry.outcome = 'stalled';
  }

  private signinError(res: ServerResponse, entry: LoggedRequest, failure: Exclude<SigninFailure, 'STALL'>, reason?: string): void {
    const e = SIGNIN_MESSAGES[failure];
    if (reason) entry.reason = reason;
    this.json(res, entry, e.status, { error: e.error, message: reason && failure === 'INVALID_REQUEST' ? `${e.message} (${reason})` : e.message }, e.type);
  }

  private signin(req: IncomingMessage, res: ServerResponse, body: string, entry: LoggedRequest): void {
    let input: unknown;
    try {
      input = JSON.parse(body);
    } catch {
      return this.signinError(res, entry, 'INVALID_REQUEST', 'body is not JSON');
    }
    if (!isRecord(input) || input.grantType !== 'refresh_token' || typeof input.clientId !== 'string' || typeof input.refreshToken !== 'string') {
      return this.signinError(res, entry, 'INVALID_REQUEST', 'body is not {clientId, grantType: "refresh_token", refreshToken}');
    }
    const session = this.loginSessions.get(input.clientId);
    if (!session) return this.signinError(res, entry, 'INVALID_REQUEST', `unknown clientId ${input.clientId}`);
    const htu = `http://${req.headers.host ?? ''}${entry.path}`;
    const dpopProblem = this.checkDpop(req.headers.dpop, 'POST', htu, session);
    if (dpopProblem) return this.signinError(res, entry, 'INVALID_REQUEST', `DPoP: ${dpopProblem}`);
    if (this.switches.signin === 'STALL') return this.stall(entry);
    if (this.switches.signin) return this.signinError(res, entry, this.switches.signin);
    if (input.refreshToken !== session.refreshToken) {
      const used = session.usedRefreshTokens.includes(input.refreshToken);
      return this.signinError(res, entry, 'INVALID_REQUEST', used ? 'refresh token already used (rotated)' : 'refresh token is not the current one');
    }
    session.usedRefreshTokens.push(session.refreshToken);
    session.refreshToken = token('FAKEREFRESH-');
    session.rotations += 1;
    const creds = this.issue(session.identity, 'signin', 900);
    this.json(res, entry, 200, {
      accessToken: { accessKeyId: creds.accessKeyId, secretAccessKey: creds.secretAccessKey, sessionToken: creds.sessionToken },
      tokenType: 'aws_sigv4',
      expiresIn: 900,
      refreshToken: session.refreshToken,
    });
  }

  /** RFC 9449 §4.3 checks; returns what is wrong, or null. */
  private checkDpop(header: string | string[] | undefined, method: string, htu: string, session: LoginSession): string | null {
    if (typeof header !== 'string' || header === '') return 'missing DPoP header';
    const parts = header.split('.');
    if (parts.length !== 3) return 'not a compact JWS';
    const [h, p, s] = parts as [string, string, string];
    let jwtHeader: unknown;
    let payload: unknown;
    try {
      jwtHeader = b64urlJson(h);
      payload = b64urlJson(p);
    } catch {
      return 'header or payload is not base64url JSON';
    }
    if (!isRecord(jwtHeader) || !isRecord(payload)) return 'header or payload is not a JSON object';
    if (jwtHeader.typ !== 'dpop+jwt') return `typ is ${String(jwtHeader.typ)}`;
    if (jwtHeader.alg !== 'ES256') return `alg is ${String(jwtHeader.alg)}`;
    const jwk = jwtHeader.jwk;
    if (!isRecord(jwk) || jwk.kty !== 'EC' || jwk.crv !== 'P-256' || typeof jwk.x !== 'string' || typeof jwk.y !== 'string') return 'jwk is not a P-256 EC public key';
    if ('d' in jwk) return 'jwk contains a private key';
    const signature = Buffer.from(s, 'base64url');
    if (signature.length !== 64) return `signature is ${signature.length} bytes, not raw r||s 64`;
    let valid = false;
    try {
      const key = createPublicKey({ key: { kty: 'EC', crv: 'P-256', x: jwk.x, y: jwk.y }, format: 'jwk' });
      valid = verify('sha256', Buffer.from(`${h}.${p}`), { key, dsaEncoding: 'ieee-p1363' }, signature);
    } catch (error) {
      return `jwk unusable: ${String(error)}`;
    }
    if (!valid) return 'signature does not verify with the jwk';
    if (payload.htm !== method) return `htm is ${String(payload.htm)}`;
    if (payload.htu !== htu) return `htu is ${String(payload.htu)}, request was ${htu}`;
    if (typeof payload.iat !== 'number' || Math.abs(Date.now() / 1000 - payload.iat) > 60) return `iat ${String(payload.iat)} not within 60 s`;
    if (typeof payload.jti !== 'string' || payload.jti === '') return 'jti missing';
    if (this.seenJti.has(payload.jti)) return `jti ${payload.jti} reused`;
    this.seenJti.add(payload.jti);
    if (jwk.x !== session.jwk.x || jwk.y !== session.jwk.y) return 'jwk is not the key bound to this session';
    return null;
  }

  private stsXml(res: ServerResponse, entry: LoggedRequest, status: number, xml: string, code?: string): void {
    entry.status = status;
    entry.outcome = code ?? 'ok';
    const skew = this.switches.stsClockSkewMs ?? 0;
    res.writeHead(status, {
      'content-type': 'text/xml',
      'x-amzn-requestid': randomUUID(),
      date: new Date(Date.now() + skew).toUTCString(),
    });
    res.end(xml);
  }

  private stsError(res: ServerResponse, entry: LoggedRequest, code: Exclude<StsFailure, 'STALL'>, message?: string): void {
    const e = STS_ERRORS[code];
    const xml =
      `<ErrorResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">\n  <Error>\n    <Type>${e.type}</Type>\n` +
      `    <Code>${e.code}</Code>\n    <Message>${xmlEscape(message ?? e.message)}</Message>\n  </Error>\n` +
      `  <RequestId>${randomUUID()}</RequestId>\n</ErrorResponse>\n`;
    this.stsXml(res, entry, e.status, xml, e.code);
  }

  private async sts(req: IncomingMessage, res: ServerResponse, body: string, url: URL, headers: Record<string, string>, entry: LoggedRequest): Promise<void> {
    if (this.switches.sts === 'STALL') return this.stall(entry);
    if (this.switches.sts) return this.stsError(res, entry, this.switches.sts);
    const auth = /^AWS4-HMAC-SHA256 Credential=([^/]+)\/(\d{8})\/([^/]+)\/([^/]+)\/aws4_request, ?SignedHeaders=([^,]+), ?Signature=([0-9a-f]{64})$/.exec(
      headers.authorization ?? '',
    );
    if (!auth) {
      entry.reason = 'no SigV4 Authorization header';
      return this.stsError(res, entry, 'InvalidClientTokenId', 'Request is missing Authentication Token');
    }
    const [, keyId, , region, service, signedList, signature] = auth as unknown as [string, string, string, string, string, string, string];
    const creds = this.credentials.get(keyId);
    if (!creds) {
      entry.reason = `unknown access key ${keyId}`;
      return this.stsError(res, entry, 'InvalidClientTokenId');
    }
    if (headers['x-amz-security-token'] !== creds.sessionToken) {
      entry.reason = 'session token does not belong to the access key';
      return this.stsError(res, entry, 'InvalidClientTokenId');
    }
    const serverNow = Date.now() + (this.switches.stsClockSkewMs ?? 0);
    if (creds.expiresAt.getTime() <= serverNow) {
      entry.reason = 'credentials expired';
      return this.stsError(res, entry, 'ExpiredToken');
    }
    const amzDate = headers['x-amz-date'] ?? '';
    const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(amzDate);
    if (!m) {
      entry.reason = 'x-amz-date missing';
      return this.stsError(res, entry, 'SignatureDoesNotMatch');
    }
    const signingDate = new Date(Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!, +m[4]!, +m[5]!, +m[6]!));
    if (Math.abs(serverNow - signingDate.getTime()) > 5 * 60_000) {
      entry.reason = 'signature expired (clock skew)';
      const serverStamp = new Date(serverNow).toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
      return this.stsError(res, entry, 'SignatureDoesNotMatch', `Signature expired: ${amzDate} is now earlier than ${serverStamp} (${serverStamp} - 5 min.)`);
    }
    const signed = signedList.split(';');
    const requestHeaders: Record<string, string> = {};
    for (const name of signed) requestHeaders[name] = headers[name] ?? '';
    const [hostname, port] = (headers.host ?? '').split(':');
    const signer = new SignatureV4({
      credentials: { accessKeyId: creds.accessKeyId, secretAccessKey: creds.secretAccessKey, sessionToken: creds.sessionToken },
      region,
      service,
      sha256: NodeSha256,
      applyChecksum: false,
    });
    const query: Record<string, string> = {};
    for (const [k, v] of url.searchParams) query[k] = v;
    const resigned = (await signer.sign(
      { method: req.method ?? 'POST', protocol: 'http:', hostname: hostname ?? '', port: port ? Number(port) : undefined, path: url.pathname, query, headers: requestHeaders, body },
      { signingDate, signableHeaders: new Set(signed), signingRegion: region, signingService: service },
    )) as { headers: Record<string, string> };
    const expected = /Signature=([0-9a-f]{64})/.exec(resigned.headers.authorization ?? resigned.headers.Authorization ?? '')?.[1];
    if (expected !== signature) {
      entry.reason = 'SigV4 signature does not match the secret';
      return this.stsError(res, entry, 'SignatureDoesNotMatch');
    }
    const id = creds.identity;
    this.stsXml(
      res,
      entry,
      200,
      `<GetCallerIdentityResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">\n  <GetCallerIdentityResult>\n` +
        `    <Arn>${xmlEscape(id.arn)}</Arn>\n    <UserId>${xmlEscape(id.userId)}</UserId>\n    <Account>${id.account}</Account>\n` +
        `  </GetCallerIdentityResult>\n  <ResponseMetadata>\n    <RequestId>${randomUUID()}</RequestId>\n  </ResponseMetadata>\n</GetCallerIdentityResponse>\n`,
    );
  }

  private ssoOidc(res: ServerResponse, body: string, entry: LoggedRequest): void {
    let input: unknown;
    try {
      input = JSON.parse(body);
    } catch {
      input = null;
    }
    const bad = (type: string, error: string, description: string, status = 400) => {
      entry.reason = description;
      this.json(res, entry, status, { error, error_description: description }, type);
    };
    if (!isRecord(input) || input.grantType !== 'refresh_token') return bad('UnsupportedGrantTypeException', 'unsupported_grant_type', 'only refresh_token is faked');
    const session = typeof input.clientId === 'string' ? this.ssoSessions.get(input.clientId) : undefined;
    if (!session || input.clientSecret !== session.clientSecret) return bad('InvalidClientException', 'invalid_client', 'unknown client or wrong secret', 401);
    if (session.registrationExpiresAt.getTime() <= Date.now()) return bad('InvalidClientException', 'invalid_client', 'client registration expired', 401);
    if (this.switches.ssoOidc === 'InvalidClientException') return bad('InvalidClientException', 'invalid_client', 'switched', 401);
    if (this.switches.ssoOidc === 'ExpiredTokenException') return bad('ExpiredTokenException', 'expired_token', 'switched');
    if (this.switches.ssoOidc === 'InvalidGrantException' || input.refreshToken !== session.refreshToken) {
      return bad('InvalidGrantException', 'invalid_grant', 'refresh token is not the current one');
    }
    session.refreshToken = token('FAKESSOREFRESH-');
    session.accessToken = token('FAKESSOACCESS-');
    session.rotations += 1;
    this.json(res, entry, 200, { accessToken: session.accessToken, tokenType: 'Bearer', expiresIn: 28800, refreshToken: session.refreshToken });
  }

  private sso(res: ServerResponse, url: URL, headers: Record<string, string>, entry: LoggedRequest): void {
    const bearer = headers['x-amz-sso_bearer_token'];
    const session = [...this.ssoSessions.values()].find((s) => s.accessToken === bearer);
    const role = session?.roles.get(`${url.searchParams.get('account_id') ?? ''}/${url.searchParams.get('role_name') ?? ''}`);
    if (this.switches.sso || !session || !role) {
      entry.reason = !session ? 'unknown bearer token' : !role ? 'no such role' : 'switched';
      return this.json(res, entry, 401, { message: 'Session token not found or invalid' }, 'UnauthorizedException');
    }
    const creds = this.issue(role, 'sso', 3600);
    this.json(res, entry, 200, {
      roleCredentials: {
        accessKeyId: creds.accessKeyId,
        secretAccessKey: creds.secretAccessKey,
        sessionToken: creds.sessionToken,
        expiration: creds.expiresAt.getTime(),
      },
    });
  }
}
