import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import axios from 'axios';
import express from 'express';
import pino from 'pino';
import { pinoHttp } from 'pino-http';
import { runWithRequestId } from '@brygga/queue';
import { PINO_LEVEL, pinoHttpOptions, pinoOptions } from './pino.options';
import { requestIdMiddleware } from './request-id.middleware';

type Line = Record<string, unknown>;

function capture(): { stream: Writable; lines: Line[]; raw: string[] } {
  const raw: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _enc, done) {
      raw.push(...chunk.toString('utf8').split('\n').filter(Boolean));
      done();
    },
  });
  return { stream, raw, get lines() { return raw.map((l) => JSON.parse(l) as Line); } };
}

const settings = { level: 'debug' as const, format: 'json' as const, role: 'api' };

describe('the middleware pino options', () => {
  it('maps LOG_LEVEL to pino levels', () => {
    expect(PINO_LEVEL).toEqual({ error: 'error', warn: 'warn', log: 'info', debug: 'debug' });
    expect(pinoOptions({ ...settings, level: 'log' }).options.level).toBe('info');
  });

  it('writes one JSON line with level label, ISO time, service, role, context fields and the request id of the context, once', () => {
    const out = capture();
    const logger = pino(pinoOptions(settings).options, out.stream);
    runWithRequestId('job-rid-1', () => logger.info({ context: 'Workers' }, 'job done'));
    runWithRequestId('req-1', () => logger.child({ requestId: 'req-1' }).info('bound already'));
    logger.info('outside');
    const [inJob, bound, outside] = out.lines;
    expect(inJob).toMatchObject({ level: 'info', service: 'brygga', role: 'api', context: 'Workers', requestId: 'job-rid-1', msg: 'job done' });
    expect(Date.parse(String(inJob.time))).not.toBeNaN();
    expect(out.raw[1].match(/"requestId"/g)).toHaveLength(1);
    expect(bound.requestId).toBe('req-1');
    expect(outside.requestId).toBeUndefined();
  });

  it('redacts headers, bodies and an axios-like error’s request, keeping its type and message', () => {
    const out = capture();
    const logger = pino(pinoOptions(settings).options, out.stream);
    const error = Object.assign(new Error('Request failed with status code 500'), {
      code: 'ERR_BAD_RESPONSE',
      config: { headers: { Authorization: 'Bearer s3cret-token' }, data: '{"firstName":"Astrid"}' },
      response: { data: 'Astrid Lindgren 19121212-1212' },
    });
    logger.error({ err: error, headers: { authorization: 'Bearer s3cret-token', cookie: 'brygga_admin=abc' }, body: { firstName: 'Astrid' } }, 'call failed');
    logger.warn({ request: { data: 'Astrid' }, authorization: 'Bearer s3cret-token' }, 'nested');
    const text = out.raw.join('\n');
    for (const leaked of ['s3cret-token', 'Astrid', '19121212', 'brygga_admin']) expect(text).not.toContain(leaked);
    expect(out.lines[0].err).toMatchObject({ type: 'Error', message: 'Request failed with status code 500', code: 'ERR_BAD_RESPONSE' });
  });

  describe('over HTTP (pino-http after the request id middleware)', () => {
    const out = capture();
    const app = express();
    app.use(requestIdMiddleware);
    app.use(pinoHttp(pinoHttpOptions(settings), out.stream));
    app.get('/admin/api/jobs/:id', (req, res) => {
      req.log.info('inside the request');
      res.status(200).json({ ok: true });
    });
    app.get('/health/live', (_req, res) => res.status(200).end());
    app.get('/boom', (_req, res) => res.status(503).end());
    let base = '';
    let server: ReturnType<typeof app.listen>;

    beforeAll(async () => {
      server = await new Promise((resolve) => {
        const s = app.listen(0, '127.0.0.1', () => resolve(s));
      });
      base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    });
    afterAll(async () => new Promise<void>((resolve) => server.close(() => resolve())));
    beforeEach(() => out.raw.splice(0));

    const settled = async (count: number) => {
      for (let i = 0; i < 100 && out.raw.length < count; i++) await new Promise((r) => setTimeout(r, 20));
      return out.lines;
    };

    it('logs one access line: method, route pattern, status, duration, request id; never the URL, query, headers or body', async () => {
      const res = await axios.get(`${base}/admin/api/jobs/4711?client=Astrid+Lindgren`, {
        headers: { 'X-Request-Id': 'caller.42', Authorization: 'Bearer s3cret-token', Cookie: 'brygga_admin=abc' },
      });
      expect(res.headers['x-request-id']).toBe('caller.42');
      const [inside, access] = await settled(2);
      expect(inside).toMatchObject({ requestId: 'caller.42', msg: 'inside the request' });
      expect(access).toMatchObject({ level: 'info', requestId: 'caller.42', method: 'GET', route: '/admin/api/jobs/:id', status: 200, msg: 'GET /admin/api/jobs/:id 200' });
      expect(typeof access.durationMs).toBe('number');
      const text = out.raw.join('\n');
      for (const leaked of ['4711', 'Astrid', 's3cret', 'brygga_admin', 'client=']) expect(text).not.toContain(leaked);
    });

    it('replaces an odd X-Request-Id with a UUID (never echoes it), logs probes at debug and 5xx at error', async () => {
      const odd = await axios.get(`${base}/health/live`, { headers: { 'X-Request-Id': 'has spaces and 19121212-1212' } });
      expect(odd.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
      await axios.get(`${base}/boom`, { validateStatus: () => true });
      await axios.get(`${base}/nowhere`, { validateStatus: () => true });
      const [probe, boom, nowhere] = await settled(3);
      expect(probe).toMatchObject({ level: 'debug', route: '/health/live', requestId: odd.headers['x-request-id'] });
      expect(boom).toMatchObject({ level: 'error', route: '/boom', status: 503 });
      expect(nowhere).toMatchObject({ route: '(no route)', status: 404 });
      expect(out.raw.join('\n')).not.toContain('19121212');
    });
  });
});
