import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { drained, Harness, quarantined, startHarness, TOKENS } from '../support/e2e-harness';
import type { Reason } from '@brygga/domain';
import { createPlanningIds } from '@brygga/planning-tool';
import { startBarrage } from './barrage.sender';
import { CASE_PUSH_CASES, GOOD_IDENTITY, HostileCase, SCHEDULE_PUSH_CASES } from './hostile-documents';
import { barrageRequests, HOSTILE_PUSHES, pushHeaders, pushUrl, timeGoodPush } from './hostile-traffic';

const TODAY = { BRYGGA_TODAY: '2026-11-23' };
const ENDPOINTS = { case: 'case-system', schedule: 'scheduling-system' } as const;
const DEMO_CUSTOMER_ID_KEY = 'brygga-demo-customer-id-key';

// A real collection before each heap reading, when the runtime lets us ask for one.
setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as (() => void) | undefined;

describe('hostile input at the push endpoints (issue 7): each gets its documented answer', () => {
  let h: Harness;

  beforeAll(async () => {
    h = await startHarness(TODAY);
  });
  afterAll(async () => h.close());

  async function send(endpoint: keyof typeof ENDPOINTS, c: HostileCase): Promise<{ status: number; data: Record<string, unknown> }> {
    const system = ENDPOINTS[endpoint];
    const res = await h.http.post(pushUrl(h, system, c), c.body(), { headers: pushHeaders(system, c), transformRequest: (d) => d, maxBodyLength: Infinity });
    return { status: res.status, data: res.data };
  }

  async function quarantineReasons(ref: string): Promise<Reason[]> {
    return (await quarantined(h, 'interventions')).filter((q) => q.ref === ref).flatMap((q) => q.reasons as Reason[]);
  }

  const customerIds = createPlanningIds(DEMO_CUSTOMER_ID_KEY);
  async function visible(n: number): Promise<boolean> {
    const url = `${h.planningTool}/kommunen/api/v1/customers/${customerIds.customerId(GOOD_IDENTITY(n))}`;
    return (await h.http.get(url, { headers: { Authorization: `Bearer ${TOKENS.kommunen}` } })).status === 200;
  }

  it('the suite has at least 30 cases', () => {
    expect(CASE_PUSH_CASES.length + SCHEDULE_PUSH_CASES.length).toBeGreaterThanOrEqual(30);
  });

  it.each(CASE_PUSH_CASES.map((c) => [c.name, c] as const))('case system: %s', async (_name, c) => {
    const { status, data } = await send('case', c);
    expect(status).toBe(c.status);
    if (c.detail) expect(String(data.detail)).toMatch(c.detail);
    // Reasons are in words: never the document's values.
    expect(JSON.stringify(data)).not.toMatch(/19\d{6}-\d{4}|Märta|Öberg|Storgatan|etc\/passwd|polluted/);
    if (c.quarantined) {
      await drained(h);
      const reasons = await quarantineReasons(c.quarantined.ref);
      expect(reasons.map((r) => r.text).join('; ')).toMatch(c.quarantined.reason);
      expect(reasons.map((r) => r.code)).toContain(c.quarantined.code);
    }
  }, 120_000);

  it.each(SCHEDULE_PUSH_CASES.map((c) => [c.name, c] as const))('scheduling system: %s', async (_name, c) => {
    const { status, data } = await send('schedule', c);
    expect(status).toBe(c.status);
    if (c.detail) expect(String(data.detail)).toMatch(c.detail);
    expect(JSON.stringify(data)).not.toMatch(/Leila|Jonas|etc\/passwd|polluted/);
  }, 120_000);

  it('no prototype was touched by any of it', () => {
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.getOwnPropertyNames(Object.prototype)).not.toContain('polluted');
    expect(Object.getPrototypeOf({})).toBe(Object.prototype);
  });

  it('the barrage: nothing crashes or hangs, the heap does not grow for good, a good document in the middle is applied', async () => {
    const barrage = async (goodIn: (inFlight: () => boolean) => Promise<void>): Promise<void> => {
      // Sent by a process of its own, four at a time, as several senders would; the good document goes in halfway.
      const sender = startBarrage(barrageRequests(h));
      let inFlight = true;
      const answered = sender.done.finally(() => (inFlight = false));
      await sender.half;
      await goodIn(() => inFlight);
      const answers = await answered;
      expect(answers.map((a) => [a.name, a.status])).toEqual(HOSTILE_PUSHES.map(([, c]) => [c.name, c.status]));
    };
    const timeGood = (id: string, n: number): Promise<number> => timeGoodPush(h, DEMO_CUSTOMER_ID_KEY, id, n, 120_000);
    const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
    const ms = (xs: number[]): string => xs.map((x) => x.toFixed(0)).join(', ');
    const heap = async (): Promise<number> => {
      for (let i = 0; i < 3; i++) {
        gc?.();
        await new Promise((r) => setTimeout(r, 50));
      }
      return process.memoryUsage().heapUsed;
    };

    await drained(h, 120_000);
    const alone: number[] = [];
    for (let i = 0; i < 5; i++) alone.push(await timeGood(`GOOD-ALONE-${i}`, 11 + i));
    // A first round warms caches, JIT and connection pools; the heap is read after it.
    await barrage(async () => undefined);
    await drained(h, 120_000);
    const before = await heap();
    const amid: number[] = [];
    let sent = 0;
    // One good document after another while the second half of the barrage is in flight; only those applied before it ended count.
    await barrage(async (inFlight) => {
      for (; sent === 0 || (sent < 20 && inFlight()); sent++) {
        const took = await timeGood(`GOOD-AMID-${sent}`, 21 + sent);
        if (inFlight()) amid.push(took);
      }
    });
    await drained(h, 120_000);
    const after = await heap();
    const growthMb = (after - before) / 1024 / 1024;
    console.log(
      `hostile barrage: heapUsed before ${(before / 1048576).toFixed(1)} MB, after ${(after / 1048576).toFixed(1)} MB (growth ${growthMb.toFixed(1)} MB, gc ${gc ? 'exposed' : 'not exposed'}); good document push -> visible alone ${ms(alone)} ms (median ${median(alone).toFixed(0)}), amid the barrage ${ms(amid)} ms (median ${median(amid).toFixed(0)})`,
    );
    for (let i = 0; i < sent; i++) expect(await visible(21 + i)).toBe(true);
    // Generous: the machine is shared and Redis client buffers come and go.
    expect(growthMb).toBeLessThan(gc ? 40 : 120);
  }, 600_000);
});
