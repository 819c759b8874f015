import axios from 'axios';
import type { INestApplication } from '@nestjs/common';
import { ADMIN_ROLES, type AdminRole, newAdminToken } from '@brygga/admin-access';
import { deletePrefix, listenLocal, serverPerSpecFile, TEST_REDIS_URL, uniquePrefix } from '@brygga/testing';
import Redis from 'ioredis';
import { createMiddlewareApp } from '../apps/middleware/src/create-middleware-app';
import { DEMO_TOKENS } from './support/simulator-stack';

const TOKEN_OF: Record<AdminRole, string> = { viewer: DEMO_TOKENS.viewer, operator: DEMO_TOKENS.operator, admin: DEMO_TOKENS.admin };
const METHODS = ['get', 'post', 'put', 'patch', 'delete'] as const;
type Method = (typeof METHODS)[number];

interface Operation {
  path: string;
  method: Method;
  role: unknown;
}

interface Served {
  base: string;
  app: INestApplication;
  redis: Redis;
  prefix: string;
}

/**
 * Every route of the admin API, as the served OpenAPI document lists it, called with no
 * token, an unknown one, each role below the route's and the route's own: a new route
 * cannot slip by, because the test walks the document, and a route that is served but
 * not documented fails the cross-check against the app's own router.
 */
describe('admin API access, route by route from /admin/docs-json (real middleware, ROLE=api)', () => {
  const served = serverPerSpecFile<Served>({
    async start() {
      const prefix = uniquePrefix('admin-access');
      const { app } = await createMiddlewareApp(
        { NODE_ENV: 'test', ROLE: 'api', REDIS_URL: TEST_REDIS_URL, QUEUE_PREFIX: prefix, PLANNING_TOKEN_KOMMUNEN: DEMO_TOKENS.kommunen, PLANNING_TOKEN_OMSORGSHUSET: DEMO_TOKENS.omsorgshuset },
        { logger: false },
      );
      return { app, base: await listenLocal(app), redis: new Redis(TEST_REDIS_URL), prefix };
    },
    async stop({ app, redis, prefix }) {
      await app.close();
      await deletePrefix(redis, prefix);
      redis.disconnect();
    },
  });
  const http = axios.create({ validateStatus: () => true });
  let operations: Operation[] = [];

  beforeAll(async () => {
    const res = await http.get(`${served.base}/admin/docs-json`);
    expect(res.status).toBe(200);
    const paths = res.data.paths as Record<string, Partial<Record<Method, Record<string, unknown>>>>;
    operations = Object.entries(paths).flatMap(([path, item]) => METHODS.filter((m) => item[m]).map((method) => ({ path, method, role: item[method]?.['x-required-role'] })));
  });

  it('documents every admin API route the app serves, each with its least role', () => {
    const documented = new Set(operations.map((o) => `${o.method.toUpperCase()} ${o.path}`));
    const servedRoutes = adminApiRoutesOf(served.app);
    expect(servedRoutes.length).toBeGreaterThanOrEqual(13);
    expect(servedRoutes.filter((r) => !documented.has(r))).toEqual([]);
    expect([...documented].sort()).toEqual([...servedRoutes].sort());
    for (const o of operations) expect({ route: `${o.method} ${o.path}`, role: o.role }).toEqual({ route: `${o.method} ${o.path}`, role: expect.stringMatching(/^(viewer|operator|admin)$/) });
  });

  it('keeps the documentation itself open (it holds no data)', async () => {
    const ui = await http.get(`${served.base}/admin/docs`);
    expect(ui.status).toBe(200);
    expect(String(ui.headers['content-type'])).toMatch(/text\/html/);
  });

  it('answers 401 (with WWW-Authenticate) without a token or with an unknown one, on every route', async () => {
    for (const o of operations) {
      for (const token of [undefined, newAdminToken()]) {
        const res = await call(o, token);
        expect({ route: `${o.method} ${o.path}`, status: res.status, type: contentType(res), challenge: res.headers['www-authenticate'] }).toEqual({
          route: `${o.method} ${o.path}`,
          status: 401,
          type: 'application/problem+json',
          challenge: 'Bearer realm="brygga-admin"',
        });
      }
    }
  });

  it('answers 403 to every role below the route\'s, and lets the route\'s own role through', async () => {
    for (const o of operations) {
      const needed = ADMIN_ROLES.indexOf(o.role as AdminRole);
      for (const [rank, role] of ADMIN_ROLES.entries()) {
        const res = await call(o, TOKEN_OF[role]);
        const got = { route: `${o.method} ${o.path}`, role, status: res.status };
        if (rank < needed) expect(got).toEqual({ ...got, status: 403 });
        // Past the guard: whatever the (empty) input earns, never 401/403, and never a server error.
        else expect({ ...got, passed: ![401, 403].includes(res.status) && res.status < 500 }).toEqual({ ...got, passed: true });
      }
    }
  });

  /** Path parameters get a value no queue has (a 400 past the guard); bodies are empty (a 400 too): nothing is changed. */
  function call(o: Operation, token: string | undefined) {
    const url = `${served.base}${o.path.replace(/\{[^}]+\}/g, 'no-such-queue')}`;
    return http.request({ method: o.method, url, headers: token ? { Authorization: `Bearer ${token}` } : {}, data: o.method === 'get' ? undefined : {} });
  }
});

function contentType(res: { headers: Record<string, unknown> }): string {
  return String(res.headers['content-type']).split(';')[0];
}

/** The `/admin/api` routes the app's Express router serves, as `METHOD /path/{param}`. */
function adminApiRoutesOf(app: INestApplication): string[] {
  const express = app.getHttpAdapter().getInstance() as { router: { stack: Array<{ route?: { path: string; methods: Record<string, boolean> } }> } };
  return express.router.stack
    .filter((layer) => layer.route?.path.startsWith('/admin/api'))
    .flatMap((layer) => Object.keys(layer.route?.methods ?? {}).map((m) => `${m.toUpperCase()} ${(layer.route?.path ?? '').replace(/:([A-Za-z]+)/g, '{$1}')}`));
}
