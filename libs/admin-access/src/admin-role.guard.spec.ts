import { Controller, Get, type INestApplication, Logger, Post, UseGuards } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import axios from 'axios';
import { listenLocal } from '@brygga/testing';
import { AdminAccessModule } from './admin-access.module';
import { AdminContext, type AdminRequestContext } from './admin-principal';
import { AdminRoleGuard } from './admin-role.guard';
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
