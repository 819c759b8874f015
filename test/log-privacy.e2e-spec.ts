import { Agent, type IncomingHttpHeaders, request } from 'node:http';
import type { INestApplication } from '@nestjs/common';
import axios from 'axios';
import Redis from 'ioredis';
import { parseUppdragsexport } from '@brygga/case-system';
import { loadMappingRules } from '@brygga/config';
import type { Assignment } from '@brygga/domain';
import { JobProducer } from '@brygga/queue';
import { CaseSystemStore, createCaseSystemSimulator } from '@brygga/sim-case-system';
import { createPlanningToolSimulator } from '@brygga/sim-planning-tool';
import { createSchedulingSystemSimulator, SchedulingSystemStore } from '@brygga/sim-scheduling-system';
import { deletePrefix, listenLocal, TEST_REDIS_URL, uniquePrefix } from '@brygga/testing';
import { checkPlanningMatchesCaseSystem } from '../apps/demo/src/planning-consistency.check';
import { type CapturedProcess, CapturingLogger, compileMiddleware, type CompiledMiddleware, parseLine, startMiddlewareProcess } from './support/captured-processes';
import { ADMIN, eventually, VIEWER } from './support/e2e-harness';
import { addPerson, emptyPersonalData, LogLineScanner, type PersonalData } from './support/log-line.scanner';
import { DEMO_TOKENS, middlewareEnvFor } from './support/simulator-stack';
import { example } from './support/planning-state';
import { exportOf, personnummer, uppdrag } from './support/uppdrag-variants';

const rules = loadMappingRules('config/mapping-rules.yaml');
const stockholmToday = () => new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Stockholm' }).format(new Date());
const http = axios.create({ validateStatus: () => true, timeout: 60_000 });
const PUSH_RID = 'log-privacy-push.1';

describe('the log line scanner', () => {
  it('the scanner finds what it looks for (a planted line fails it)', () => {
    const data = emptyPersonalData();
    addPerson(data, { identityNumber: '19380412-5676', firstName: 'Märta', lastName: 'Öberg', address: { street: 'Storgatan 12 B', postalCode: '903 26', city: 'Umeå', doorCode: '4711' }, phone: '090-123456' });
    const scanner = new LogLineScanner(data);
    for (const planted of ['client Märta', 'Öberg moved', 'id 193804125676', 'id 380412-5676', '{"x":"3804125676"}', 'at Storgatan 12 B', 'code 4711 works', 'call 090123456']) {
      expect({ planted, hits: scanner.hits(planted).length }).toEqual({ planted, hits: 1 });
    }
    for (const innocent of ['per period', 'job 4711 completed', '"durationMs":4711', '{"time":"2026-11-29T10:47:11.000Z"}', 'sekvens 19380412567600']) {
      expect({ innocent, hits: scanner.hits(innocent) }).toEqual({ innocent, hits: [] });
    }
  });
});

/**
 * Every line of every process of a full sync, searched for every piece of personal data the
 * sync carried. The middleware runs as two processes (API and worker role, LOG_LEVEL=debug),
 * built as in production: in-process, nestjs-pino keeps one root logger and Nest one global
 * logger per process, so two apps could not each have their own output, and a process's
 * stdout also holds what bypasses the logger. The simulators run here, each logging through
 * a capturing Nest logger (they may keep their text lines, but not personal data either).
 */
describe('logs: JSON lines, request ids carried into jobs and planning requests, no personal data', () => {
  const simLog = new CapturingLogger();
  const planningHeaders: IncomingHttpHeaders[] = [];
  const prefix = uniquePrefix('logs');
  const redis = new Redis(TEST_REDIS_URL);
  let sims: INestApplication[] = [];
  let urls: { caseSystem: string; planningTool: string; schedulingSystem: string };
  let compiled: CompiledMiddleware | undefined;
  let api: CapturedProcess | undefined;
  let worker: CapturedProcess | undefined;

  beforeAll(async () => {
    const caseApp = await createCaseSystemSimulator({ feedToken: DEMO_TOKENS.caseFeed, logger: simLog });
    const planningApp = await createPlanningToolSimulator({ tenants: { kommunen: DEMO_TOKENS.kommunen, omsorgshuset: DEMO_TOKENS.omsorgshuset }, logger: simLog });
    const schedulingApp = await createSchedulingSystemSimulator({ apiToken: DEMO_TOKENS.scheduleApi, logger: simLog });
    sims = [caseApp, planningApp, schedulingApp];
    // Beside the simulator's own handler: each request's headers as they arrived.
    planningApp.getHttpServer().on('request', (req: { headers: IncomingHttpHeaders }) => planningHeaders.push(req.headers));
    const [caseSystem, planningTool, schedulingSystem] = await Promise.all(sims.map(listenLocal));
    urls = { caseSystem, planningTool, schedulingSystem };
    compiled = await compileMiddleware();
    const env = {
      ...middlewareEnvFor(urls),
      NODE_ENV: 'test',
      REDIS_URL: TEST_REDIS_URL,
      QUEUE_PREFIX: prefix,
      LOG_LEVEL: 'debug',
      RETRY_BASE_DELAY_MS: '100',
      INBOUND_PARSE_THREAD_MIN_BYTES: '0',
    };
    [api, worker] = await Promise.all([
      startMiddlewareProcess('api', compiled.main, { ...env, ROLE: 'api' }),
      startMiddlewareProcess('worker', compiled.main, { ...env, ROLE: 'worker', CASE_SYSTEM_POLL_SECONDS: '1', WORKER_NICE: '10' }),
    ]);
  }, 300_000);

  afterAll(async () => {
    await Promise.all([api?.stop(), worker?.stop()]);
    await Promise.all(sims.map((s) => s.close()));
    await compiled?.remove();
    await deletePrefix(redis, prefix);
    redis.disconnect();
  }, 120_000);

  /** Nothing waiting, active, prioritized or delayed (the scheduler's next ticks aside). */
  async function idle(): Promise<true | undefined> {
    const producer = new JobProducer(redis, prefix);
    try {
      for (const queue of producer.allQueues()) {
        const c = await queue.getJobCounts('waiting', 'active', 'delayed', 'prioritized');
        if (c.waiting + c.active + c.prioritized + (queue.name === 'scheduler' ? 0 : c.delayed) > 0) return undefined;
      }
      return true;
    } finally {
      await producer.close();
    }
  }

  async function synced(what: string): Promise<void> {
    await eventually(
      async () => {
        if (!(await idle())) return undefined;
        const report = await checkPlanningMatchesCaseSystem(urls, DEMO_TOKENS.caseFeed, rules, stockholmToday());
        return report.differences.length === 0 ? report : undefined;
      },
      `the planning tool to match the case system ${what}`,
      240_000,
    );
  }

  const push = (body: Buffer, requestId: string) =>
    http.post(`${api!.url}/inbound/case-system`, body, {
      headers: { Authorization: `Bearer ${DEMO_TOKENS.caseInbound}`, 'Content-Type': 'application/xml', 'X-Request-Id': requestId },
      transformRequest: (d: unknown) => d,
    });

  /** Every person of the run: each generated assignment's every version (client and assessor), the staff, the pushed example. */
  function personalData(): PersonalData {
    const data = emptyPersonalData();
    const versions = sims[0].get(CaseSystemStore).changesAfter(0).flatMap((c) => (c.assignment ? [c.assignment] : []));
    const pushed = parseUppdragsexport(example('uppdrag-ny.xml')).results.flatMap((r) => (r.ok ? [r.assignment] : []));
    for (const a of [...versions, ...pushed] as Assignment[]) {
      addPerson(data, a.client);
      const [first, ...rest] = a.assessor.name.split(' ');
      addPerson(data, { firstName: first, lastName: rest.join(' ') });
    }
    for (let n = 0; n < 12; n++) data.identityNumbers.add(personnummer(n));
    const staff = sims[2].get(SchedulingSystemStore);
    for (const unit of staff.units()) for (const e of staff.roster(unit.id)?.employees ?? []) addPerson(data, e);
    return data;
  }

  it('a sync with churn, quarantines, a planning-tool failure and rosters logs no personal data; ids are carried', async () => {
    // A generated municipality, pulled from the feed by the worker.
    expect((await http.post(`${urls.caseSystem}/_sim/generate`, { clients: 300, seed: 21 })).status).toBeLessThan(300);
    await synced('after the full sync');

    // The planning tool fails a few requests (retried), while churn comes in.
    expect((await http.post(`${urls.planningTool}/_sim/faults`, { tenant: 'kommunen', status: 503, count: 4 })).status).toBe(201);
    for (let round = 0; round < 2; round++) await http.post(`${urls.caseSystem}/_sim/churn`, { changes: 30, seed: 300 + round });
    await synced('after churn');

    // Rosters of every unit, pushed.
    expect((await http.post(`${urls.schedulingSystem}/_sim/generate`, { seed: 4, from: stockholmToday(), days: 14 })).status).toBeLessThan(300);
    const published = (await http.post(`${urls.schedulingSystem}/_sim/publish`, { url: `${api!.url}/inbound/scheduling-system`, token: DEMO_TOKENS.scheduleInbound })).data.published as Array<{ status: number }>;
    expect(published.every((p) => p.status === 202)).toBe(true);

    // Quarantines: an unknown intervention code, a broken identity number; a document that cannot be read at all.
    expect((await push(exportOf(uppdrag({ id: 'UPP-LOG-1', identityNumber: personnummer(3), code: 'OKÄND' })), 'log-privacy-quarantine.1')).status).toBe(202);
    expect((await push(exportOf(uppdrag({ id: 'UPP-LOG-2', identityNumber: '19380412-5677' })), 'log-privacy-quarantine.2')).status).toBe(202);
    const broken = exportOf(uppdrag({ id: 'UPP-LOG-3', identityNumber: personnummer(4) })).toString('utf8').replace('</Fornamn>', '</Fnamn>');
    expect((await push(Buffer.from(broken), 'log-privacy-broken')).status).toBe(400);

    // Nothing else in flight first: writes to one tenant within PLANNING_BATCH_WINDOW_MS share
    // a batch, which carries the request id of the job that opened it (a roster's, say).
    await eventually(idle, 'the queues to drain before the good push', 120_000);
    // One good push, of a protected identity, whose id must reach the worker's job lines and the planning tool.
    const protectedClient = uppdrag({ id: 'UPP-LOG-OK', identityNumber: personnummer(5) }).replace('<SkyddadIdentitet>false<', '<SkyddadIdentitet>true<');
    const answered = await push(exportOf(protectedClient), PUSH_RID);
    expect(answered.status).toBe(202);
    expect(answered.headers['x-request-id']).toBe(PUSH_RID);
    await eventually(async () => (planningHeaders.some((h) => h['x-request-id'] === PUSH_RID) ? true : undefined), 'the pushed request id at the planning tool', 120_000);
    await eventually(idle, 'the queues to drain', 120_000);

    // An admin action: its audit entry names the request's own id, as its access line does.
    const reload = await http.post(`${api!.url}/admin/api/rules/reload`, {}, { headers: { ...ADMIN, 'X-Request-Id': 'log-privacy-admin.1' } });
    expect(reload.status).toBeLessThan(300);
    const audit = await http.get(`${api!.url}/admin/api/audit`, { headers: VIEWER, params: { action: 'rules.reload' } });
    expect(audit.data.entries.map((e: { requestId: string }) => e.requestId)).toEqual(['log-privacy-admin.1']);
    // A body the JSON parser refuses (before any route) still has its access line; the body is in no line.
    const refused = await http.post(`${api!.url}/admin/api/rules/reload`, '{"note": Märta Öberg}', { headers: { ...ADMIN, 'Content-Type': 'application/json', 'X-Request-Id': 'log-privacy-badjson' } });
    expect(refused.status).toBe(400);
    // Nor is it in the answer: the parser's message quotes the body.
    expect(refused.data.detail).toMatch(/not valid JSON/);
    expect(JSON.stringify(refused.data)).not.toMatch(/Märta|note/);

    const lines = [...api!.lines.map((l) => ({ from: 'api', l })), ...worker!.lines.map((l) => ({ from: 'worker', l })), ...simLog.lines.map((l) => ({ from: 'simulators', l }))];
    const middlewareLines = lines.filter((x) => x.from !== 'simulators');
    const parsed = middlewareLines.map((x) => parseLine(x.l));

    // Every middleware line is one JSON object with a level, a time and a message.
    expect(middlewareLines.filter((_, i) => !parsed[i] || typeof parsed[i]?.level !== 'string' || typeof parsed[i]?.msg !== 'string').map((x) => x.l)).toEqual([]);
    expect(parsed.some((p) => p?.level === 'debug')).toBe(true);

    // The push's id: answered, on the API's access line, on the worker's job lines, at the planning tool.
    const withPushId = parsed.filter((p) => p?.requestId === PUSH_RID);
    expect(withPushId.some((p) => p?.route === '/inbound/case-system' && p?.role === 'api')).toBe(true);
    expect(parsed.some((p) => p?.requestId === 'log-privacy-admin.1' && p?.route === '/admin/api/rules/reload')).toBe(true);
    await eventually(async () => (api!.lines.some((l) => parseLine(l)?.requestId === 'log-privacy-badjson' && parseLine(l)?.status === 400) ? true : undefined), 'the refused body’s access line');
    expect(withPushId.filter((p) => p?.role === 'worker').map((p) => p?.msg)).toEqual(expect.arrayContaining([expect.stringContaining('assignment.apply'), 'planning request']));
    // Job lines (the workers' own and what a job logs) all carry a request id.
    const jobLines = parsed.filter((p) => p?.role === 'worker' && (p?.context === 'Workers' || p?.context === 'PlanningTool') && /job |planning request/.test(String(p?.msg)));
    expect(jobLines.length).toBeGreaterThan(0);
    expect(jobLines.filter((p) => typeof p?.requestId !== 'string').map((p) => p?.msg)).toEqual([]);
    // The planning tool's failure was seen and logged, without the URL.
    expect(parsed.some((p) => p?.msg === 'planning request' && p?.status === 503)).toBe(true);

    // No personal data, anywhere.
    const scanner = new LogLineScanner(personalData());
    const leaks = lines.flatMap(({ from, l }) => scanner.hits(l).map((hit) => `${from}: ${hit} in ${l.slice(0, 300)}`));
    expect({ lines: lines.length, leaks }).toEqual({ lines: lines.length, leaks: [] });

    // Protected identities: their customer id never on a line with their team.
    const protectedCustomers = await protectedIdsAndTeams();
    expect(protectedCustomers.length).toBeGreaterThan(1);
    const together = protectedCustomers.flatMap(({ id, team }) => lines.filter(({ l }) => l.includes(id) && l.includes(team)).map(({ l }) => l.slice(0, 300)));
    expect(together).toEqual([]);
  }, 600_000);

  it('the boot lines: the worker process at WORKER_NICE (10 here) on every thread it had, the API at its own priority', () => {
    const up = (p: CapturedProcess | undefined) => p!.lines.map(parseLine).find((l) => l?.msg === 'middleware up');
    expect(up(worker)).toEqual(expect.objectContaining({ nice: 10, nicedThreads: expect.any(Number) }));
    expect(up(worker)?.nicedThreads).toBeGreaterThan(1);
    expect(up(api)).not.toHaveProperty('nice');
  });

  it('the API keeps an idle keep-alive connection past Node\'s 5 s (KEEP_ALIVE_TIMEOUT_MS), as a load balancer reusing it expects', async () => {
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    try {
      const get = () =>
        new Promise<{ status?: number; reused: boolean }>((resolve, reject) => {
          const req = request(`${api!.url}/health/live`, { agent }, (res) => {
            res.resume();
            res.on('end', () => resolve({ status: res.statusCode, reused: req.reusedSocket }));
          });
          req.on('error', reject);
          req.end();
        });
      expect(await get()).toEqual({ status: 200, reused: false });
      await new Promise((r) => setTimeout(r, 6_500));
      expect(await get()).toEqual({ status: 200, reused: true });
    } finally {
      agent.destroy();
    }
  });

  async function protectedIdsAndTeams(): Promise<Array<{ id: string; team: string }>> {
    const found: Array<{ id: string; team: string }> = [];
    for (const tenant of Object.keys(rules.tenants)) {
      const { data } = await http.get(`${urls.planningTool}/_sim/${tenant}/state`);
      for (const c of data.customers as Array<{ id: string; protectedIdentity: boolean; teamId: string }>) if (c.protectedIdentity) found.push({ id: c.id, team: c.teamId });
    }
    return found;
  }
});
