import { Controller, Get, Global, type INestApplication, Logger, Module, Post, UseGuards } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import axios from 'axios';
import cookieParser from 'cookie-parser';
import Redis from 'ioredis';
import { KEY_PREFIX, REDIS } from '@brygga/flow-kernel';
import { deletePrefix, listenLocal, TEST_REDIS_URL, uniquePrefix } from '@brygga/testing';
import { AdminAccessModule } from './admin-access.module';
import { adminAccessKeys } from './admin-access-keys';
import { AdminContext, type AdminRequestContext } from './admin-principal';
import { AdminRequestAuthenticator } from './admin-request.authenticator';
import { AdminRoleGuard } from './admin-role.guard';
import { ADMIN_SESSION_COOKIE } from './admin-session.cookie';
import { AdminSessionStore } from './admin-session.store';
import { AdminSessionsModule } from './admin-sessions.module';
import { hashAdminToken, newAdminToken } from './admin-token.hash';
import { RequiresRole } from './requires-role.decorator';

@Controller('admin')
@UseGuards(AdminRoleGuard)
class ProbeController {
  @Get('stats')
  stats(@AdminContext() admin: AdminRequestContext): AdminRequestContext {
    return admin;
  }

  @Post('jobs/redrive')
  @RequiresRole('operator')
  redrive(@AdminContext() admin: AdminRequestContext): AdminRequestContext {
    return admin;
  }

  @Post('rules/reload')
  @RequiresRole('admin')
  reload(): { ok: true } {
    return { ok: true };
  }
}

@Controller('admin/queues')
@UseGuards(AdminRoleGuard)
@RequiresRole('operator')
class QueuesProbeController {
  @Post('pause')
  pause(): { ok: true } {
    return { ok: true };
  }

  @Post('drain')
  @RequiresRole('admin')
  drain(): { ok: true } {
    return { ok: true };
  }
}

const TOKENS = { viewer: newAdminToken(), operator: newAdminToken(), admin: newAdminToken() };

// Bearer tokens only: no AdminSessionsModule, so no Redis; the guard works without sessions.
describe('AdminRoleGuard (a Nest app on a real port)', () => {
  let app: INestApplication;
  let base: string;
  const warnings: string[] = [];

  beforeAll(async () => {
    const moduleRef = await Test.createTestingModule({
      imports: [
        AdminAccessModule.register([
          { name: 'v', role: 'viewer', hash: hashAdminToken(TOKENS.viewer) },
          { name: 'o', role: 'operator', hash: hashAdminToken(TOKENS.operator) },
          { name: 'a', role: 'admin', hash: hashAdminToken(TOKENS.admin) },
        ]),
      ],
      controllers: [ProbeController, QueuesProbeController],
    }).compile();
    app = moduleRef.createNestApplication({ logger: false });
    jest.spyOn(Logger.prototype, 'warn').mockImplementation((message: unknown) => void warnings.push(String(message)));
    base = await listenLocal(app);
  });
  afterAll(async () => {
    jest.restoreAllMocks();
    await app?.close();
  });

  const call = (method: 'get' | 'post', path: string, token?: string) =>
    axios.request({ method, url: `${base}${path}`, headers: token ? { authorization: `Bearer ${token}` } : {}, validateStatus: () => true });

  type Who = 'none' | 'unknown' | keyof typeof TOKENS;
  const tokenOf = (who: Who): string | undefined => (who === 'none' ? undefined : who === 'unknown' ? newAdminToken() : TOKENS[who]);

  // Route, then the status for: no token, an unknown one, viewer, operator, admin.
  it.each<[string, 'get' | 'post', string, [number, number, number, number, number]]>([
    ['undecorated (viewer)', 'get', '/admin/stats', [401, 401, 200, 200, 200]],
    ['operator', 'post', '/admin/jobs/redrive', [401, 401, 403, 201, 201]],
    ['admin', 'post', '/admin/rules/reload', [401, 401, 403, 403, 201]],
    ['operator from the controller', 'post', '/admin/queues/pause', [401, 401, 403, 201, 201]],
    ['admin on the handler over the controller', 'post', '/admin/queues/drain', [401, 401, 403, 403, 201]],
  ])('%s: %s %s', async (_case, method, path, statuses) => {
    const whos: Who[] = ['none', 'unknown', 'viewer', 'operator', 'admin'];
    const got = await Promise.all(whos.map(async (who) => (await call(method, path, tokenOf(who))).status));
    expect(got).toEqual(statuses);
  });

  it('answers 401 with the scheme to use and no token in the body', async () => {
    const unknown = newAdminToken();
    const res = await call('get', '/admin/stats', unknown);
    expect(res.status).toBe(401);
    expect(res.headers['www-authenticate']).toBe('Bearer realm="brygga-admin"');
    expect(res.data.message).toMatch(/Authorization: Bearer <token>/);
    expect(JSON.stringify(res.data)).not.toContain(unknown);
  });

  it('answers 403 naming the role needed and held, not the token, and logs it without the token', async () => {
    warnings.length = 0;
    const res = await call('post', '/admin/rules/reload', TOKENS.operator);
    expect(res.status).toBe(403);
    expect(res.data.message).toBe('this needs the admin role; the token o has operator');
    expect(JSON.stringify(res.data)).not.toContain(TOKENS.operator);
    expect(warnings).toEqual(['admin access refused: o (operator) on POST /admin/rules/reload, which needs admin']);
  });

  it('puts the principal and a request id on the request', async () => {
    const res = await call('post', '/admin/jobs/redrive', TOKENS.admin);
    expect(res.data).toEqual({ principal: { name: 'a', role: 'admin' }, requestId: expect.stringMatching(/^[0-9a-f-]{36}$/) });

    const traced = await axios.get(`${base}/admin/stats`, { headers: { authorization: `Bearer ${TOKENS.viewer}`, 'x-request-id': 'req-42' } });
    expect(traced.data.requestId).toBe('req-42');
    const odd = await axios.get(`${base}/admin/stats`, { headers: { authorization: `Bearer ${TOKENS.viewer}`, 'x-request-id': 'Tolvan Tolvansson' } });
    expect(odd.data.requestId).not.toContain('Tolvan');
  });
});

describe('AdminRoleGuard: the session cookie path', () => {
  let app: INestApplication;
  let base: string;
  let redis: Redis;
  let authenticator: AdminRequestAuthenticator;
  let store: AdminSessionStore;
  const prefix = uniquePrefix('admin-guard-cookie');

  beforeAll(async () => {
    redis = new Redis(TEST_REDIS_URL, { maxRetriesPerRequest: 3 });
    @Global()
    @Module({ providers: [{ provide: REDIS, useValue: redis }, { provide: KEY_PREFIX, useValue: prefix }], exports: [REDIS, KEY_PREFIX] })
    class KernelStandIn {}
    const moduleRef = await Test.createTestingModule({
      imports: [
        KernelStandIn,
        AdminSessionsModule.forRoot({ ttlMinutes: 5, cookieSecure: false }),
        AdminAccessModule.register([
          { name: 'v', role: 'viewer', hash: hashAdminToken(TOKENS.viewer) },
          { name: 'o', role: 'operator', hash: hashAdminToken(TOKENS.operator) },
        ]),
      ],
      controllers: [ProbeController],
    }).compile();
    app = moduleRef.createNestApplication({ logger: false });
    app.use(cookieParser());
    jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
    base = await listenLocal(app);
    authenticator = app.get(AdminRequestAuthenticator);
    store = app.get(AdminSessionStore);
  });
  afterAll(async () => {
    jest.restoreAllMocks();
    await app?.close();
    await deletePrefix(redis, prefix);
    await redis.quit();
  });

  const host = () => new URL(base).host;
  const signIn = async (token: string) => {
    const started = await authenticator.signIn(token);
    if (!started) throw new Error('sign-in refused');
    return started.session.id;
  };
  const call = (method: 'get' | 'post', path: string, headers: Record<string, string>) => axios.request({ method, url: `${base}${path}`, headers, validateStatus: () => true });
  const cookie = (id: string) => `${ADMIN_SESSION_COOKIE}=${id}`;

  it('a session has the role of its token: a viewer reads, an operator acts', async () => {
    const viewer = await signIn(TOKENS.viewer);
    const operator = await signIn(`  ${TOKENS.operator}\n`);
    const read = await call('get', '/admin/stats', { cookie: cookie(viewer) });
    expect(read.status).toBe(200);
    expect(read.data.principal).toEqual({ name: 'v', role: 'viewer' });
    expect((await call('post', '/admin/jobs/redrive', { cookie: cookie(viewer) })).status).toBe(403);
    expect((await call('post', '/admin/jobs/redrive', { cookie: cookie(operator) })).status).toBe(201);
  });

  it('refuses a wrong token at sign-in, and unknown, malformed or ended sessions', async () => {
    expect(await authenticator.signIn(newAdminToken())).toBeUndefined();
    expect(await authenticator.signIn('')).toBeUndefined();
    expect((await call('get', '/admin/stats', { cookie: cookie('A'.repeat(43)) })).status).toBe(401);
    expect((await call('get', '/admin/stats', { cookie: cookie('not-an-id') })).status).toBe(401);
    const id = await signIn(TOKENS.viewer);
    await store.end(id);
    const ended = await call('get', '/admin/stats', { cookie: cookie(id) });
    expect(ended.status).toBe(401);
    expect(ended.headers['www-authenticate']).toBe('Bearer realm="brygga-admin"');
  });

  it('judges a request with an Authorization header by the header alone', async () => {
    const operator = await signIn(TOKENS.operator);
    expect((await call('get', '/admin/stats', { cookie: cookie(operator), authorization: `Bearer ${newAdminToken()}` })).status).toBe(401);
    const byHeader = await call('get', '/admin/stats', { cookie: cookie(operator), authorization: `Bearer ${TOKENS.viewer}` });
    expect(byHeader.data.principal).toEqual({ name: 'v', role: 'viewer' });
  });

  it('ends a session whose token is no longer configured, or no longer has that role', async () => {
    const gone = await store.start({ name: 'removed-token', role: 'admin' });
    const reRoled = await store.start({ name: 'v', role: 'operator' });
    expect((await call('get', '/admin/stats', { cookie: cookie(gone.id) })).status).toBe(401);
    expect((await call('post', '/admin/jobs/redrive', { cookie: cookie(reRoled.id) })).status).toBe(401);
    expect(await store.principalOf(gone.id)).toBeUndefined();
    expect(await store.principalOf(reRoled.id)).toBeUndefined();
  });

  it('ends a session signed in with a token since replaced under the same name and role (a rotation)', async () => {
    const current = await signIn(TOKENS.viewer);
    expect((await call('get', '/admin/stats', { cookie: cookie(current) })).status).toBe(200);
    const earlier = await store.start({ name: 'v', role: 'viewer' }, new Date(), 'credential-of-the-replaced-token');
    expect((await call('get', '/admin/stats', { cookie: cookie(earlier.id) })).status).toBe(401);
    expect(await store.principalOf(earlier.id)).toBeUndefined();
  });

  it('refuses a state-changing cookie request from another origin or site, and takes its own', async () => {
    const operator = await signIn(TOKENS.operator);
    const post = (headers: Record<string, string>) => call('post', '/admin/jobs/redrive', { cookie: cookie(operator), ...headers });
    const foreign = await post({ origin: 'https://evil.example' });
    expect(foreign.status).toBe(403);
    expect(foreign.data.message).toBe('a signed-in page may change things only from its own origin');
    expect((await post({ origin: 'null' })).status).toBe(403);
    expect((await post({ origin: `http://${host()}`, 'sec-fetch-site': 'same-site' })).status).toBe(403);
    expect((await post({ origin: `http://${host()}`, 'sec-fetch-site': 'same-origin' })).status).toBe(201);
    // Behind a TLS proxy the browser says https while this process hears http: the host decides.
    expect((await post({ origin: `https://${host()}` })).status).toBe(201);
    expect((await post({})).status).toBe(201);
    // Reading is not refused: a safe method changes nothing.
    expect((await call('get', '/admin/stats', { cookie: cookie(operator), origin: 'https://evil.example' })).status).toBe(200);
  });

  it('keeps sessions under the prefix by a digest of the id, never the id', async () => {
    const id = await signIn(TOKENS.viewer);
    const keys: string[] = [];
    let cursor = '0';
    do {
      const [next, batch] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 500);
      keys.push(...batch);
      cursor = next;
    } while (cursor !== '0');
    expect(keys.length).toBeGreaterThan(0);
    expect(keys.every((k) => k.startsWith(`${adminAccessKeys(prefix).session('')}`) && !k.includes(id))).toBe(true);
  });
});
