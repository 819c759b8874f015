import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import axios from 'axios';
import express from 'express';
import pino from 'pino';
import { accessLogMiddleware } from './access-log.middleware';
import { type LogLevelSetting, pinoOptions } from './pino.options';
import { requestIdMiddleware } from './request-id.middleware';

type Line = Record<string, unknown>;

/** The app as the middleware mounts it: the request id first, then the access line; a line logged inside through the root logger. */
async function serve(level: LogLevelSetting): Promise<{ base: string; raw: string[]; lines: () => Line[]; close: () => Promise<void> }> {
  const raw: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _enc, done) {
      raw.push(...chunk.toString('utf8').split('\n').filter(Boolean));
      done();
    },
  });
  const logger = pino(pinoOptions({ level, format: 'json', role: 'api' }).options, stream);
  const app = express();
  app.use(requestIdMiddleware);
  app.use(accessLogMiddleware(logger));
  app.get('/admin/api/jobs/:id', (_req, res) => {
    logger.info('inside the request');
    res.status(200).json({ ok: true });
  });
  app.get('/health/live', (_req, res) => res.status(200).end());
  app.get('/boom', (_req, res) => res.status(503).end());
  const server = await new Promise<ReturnType<typeof app.listen>>((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  return {
    base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    raw,
    lines: () => raw.map((l) => JSON.parse(l) as Line),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

async function settled(raw: string[], count: number): Promise<void> {
  for (let i = 0; i < 100 && raw.length < count; i++) await new Promise((r) => setTimeout(r, 20));
}

describe('accessLogMiddleware', () => {
  it('logs one access line: method, route pattern, status, duration, request id; never the URL, query, headers or body; a line inside carries the id', async () => {
    const app = await serve('debug');
    try {
      const res = await axios.get(`${app.base}/admin/api/jobs/4711?client=Astrid+Lindgren`, {
        headers: { 'X-Request-Id': 'caller.42', Authorization: 'Bearer s3cret-token', Cookie: 'brygga_admin=abc' },
      });
      expect(res.headers['x-request-id']).toBe('caller.42');
      await settled(app.raw, 2);
      const [inside, access] = app.lines();
      expect(inside).toMatchObject({ requestId: 'caller.42', msg: 'inside the request' });
      expect(access).toMatchObject({ level: 'info', requestId: 'caller.42', method: 'GET', route: '/admin/api/jobs/:id', status: 200, msg: 'GET /admin/api/jobs/:id 200' });
      expect(typeof access.durationMs).toBe('number');
      expect(app.raw[1].match(/"requestId"/g)).toHaveLength(1);
      for (const leaked of ['4711', 'Astrid', 's3cret', 'brygga_admin', 'client=']) expect(app.raw.join('\n')).not.toContain(leaked);
    } finally {
      await app.close();
    }
  });

  it('replaces an odd X-Request-Id with a UUID (never echoes it), logs probes at debug and 5xx at error', async () => {
    const app = await serve('debug');
    try {
      const odd = await axios.get(`${app.base}/health/live`, { headers: { 'X-Request-Id': 'has spaces and 19121212-1212' } });
      expect(odd.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
      await settled(app.raw, 1);
      await axios.get(`${app.base}/boom`, { validateStatus: () => true });
      await settled(app.raw, 2);
      await axios.get(`${app.base}/nowhere`, { validateStatus: () => true });
      await settled(app.raw, 3);
      const [probe, boom, nowhere] = app.lines();
      expect(probe).toMatchObject({ level: 'debug', route: '/health/live', requestId: odd.headers['x-request-id'] });
      expect(boom).toMatchObject({ level: 'error', route: '/boom', status: 503 });
      expect(nowhere).toMatchObject({ route: '(no route)', status: 404 });
      expect(app.raw.join('\n')).not.toContain('19121212');
    } finally {
      await app.close();
    }
  });

  it('at LOG_LEVEL=warn writes only the 5xx lines, still with their request id', async () => {
    const app = await serve('warn');
    try {
      await axios.get(`${app.base}/admin/api/jobs/1`);
      await axios.get(`${app.base}/boom`, { validateStatus: () => true, headers: { 'X-Request-Id': 'caller.43' } });
      await settled(app.raw, 1);
      expect(app.lines()).toEqual([expect.objectContaining({ level: 'error', requestId: 'caller.43', status: 503 })]);
    } finally {
      await app.close();
    }
  });
});
