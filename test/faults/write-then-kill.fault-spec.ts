import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Redis from 'ioredis';
import { contractsDir } from '@brygga/config';
import { JOB_IDS, JobProducer, QueueName } from '@brygga/queue';
import { eventually, TEST_REDIS_URL } from '@brygga/testing';
import { DEMO_TOKENS } from '../support/simulator-stack';
import { settledEndState } from './support/end-state.check';
import { pushAll } from './support/fault-load';
import { type FaultStack, http, startFaultStack } from './support/fault-stack';
import { type PlanningAnswer } from './support/planning-answers';

/** The generated clients beside the two targets: small, this case is about one interleaving. */
const CLIENTS = 200;
const XML = { headers: { 'Content-Type': 'application/xml' }, transformRequest: (d: unknown) => d };
const example = (path: string): string => readFileSync(join(contractsDir(), path), 'utf8');
/** NORR-1's roster: E10234 works two split shifts on the 27th; without them that day is empty. */
const roster = (withThe27th: boolean): string => {
  const xml = example('scheduling-system/examples/schedule-norr1.xml');
  return withThe27th ? xml : xml.replace(/\s*<Shift date="2026-11-27"[^>]*\/>/g, '');
};
const PERIOD = { from: '2026-11-23', to: '2026-11-29', units: ['NORR-1'] };

interface BatchOperation {
  method: string;
  path: string;
  body?: { source?: { interventionId?: string }; shifts?: unknown[] };
}
/** The two writes the case is about: v1's order for INS-4 (v2 withdraws it), and the roster's 27th for E10234 (the next export empties it). */
const isOrder = (op: BatchOperation) => op.method === 'PUT' && op.body?.source?.interventionId === 'INS-4';
const isDay = (op: BatchOperation) => op.method === 'PUT' && op.path.endsWith('/staff/E10234/days/2026-11-27');
const operationsOf = (answer: PlanningAnswer): BatchOperation[] =>
  answer.method === 'POST' && answer.path === '/api/v1/batch' && answer.requestBody ? ((JSON.parse(answer.requestBody.toString('utf8')) as { operations: BatchOperation[] }).operations ?? []) : [];

/**
 * The planning simulator's side of the interleaving: before the kill, a batch carrying
 * either target is applied and its answer held (the sender waits, then dies); after it, the
 * roster's retry of the day is refused (400): that export fails for good, and its unit's
 * next export goes ahead against what was recorded.
 */
function interleaving() {
  const seen = { order: false, day: false };
  let killed = false;
  let dayRefusals = 0;
  let release = (): void => undefined;
  const released = new Promise<undefined>((resolve) => (release = () => resolve(undefined)));
  const hook = (answer: PlanningAnswer): Promise<Buffer | undefined> | undefined => {
    const ops = operationsOf(answer);
    const order = ops.findIndex(isOrder);
    const day = ops.findIndex(isDay);
    if (order < 0 && day < 0) return undefined;
    if (!killed) {
      seen.order ||= order >= 0;
      seen.day ||= day >= 0;
      return released;
    }
    // The killed export's retry of its day (the next export empties it: that one goes through).
    if (day < 0 || (ops[day].body?.shifts?.length ?? 0) === 0) return undefined;
    dayRefusals++;
    const answered = JSON.parse(answer.body.toString('utf8')) as { results: unknown[] };
    answered.results[day] = { status: 400, problem: { type: 'about:blank', title: 'Invalid request', status: 400, detail: 'refused by the fault test' } };
    return Promise.resolve(Buffer.from(JSON.stringify(answered)));
  };
  return {
    hook,
    seen,
    refusals: () => dayRefusals,
    killedNow: () => {
      killed = true;
    },
    release,
  };
}

describe('fault: a worker killed between a write and its record (both flows)', () => {
  let stack: FaultStack | undefined;
  afterAll(async () => stack?.close(), 120_000);

  it("the next version's diff sees what may have been written: no stray service order, no stale staff day", async () => {
    const planning = interleaving();
    // The planning client waits for held answers longer than the case takes to hold both.
    stack = await startFaultStack({ redisUrl: TEST_REDIS_URL, workers: 1, planningAnswers: planning.hook, env: { PLANNING_TIMEOUT_MS: '60000' } });
    const s = stack;
    const redis = new Redis(TEST_REDIS_URL);
    const producer = new JobProducer(redis, s.prefix);
    const assignments = producer.queue(QueueName.Assignments);
    const rosters = producer.queue(QueueName.ScheduleDocuments);
    try {
      await writeThenKill(s, planning, redis, assignments, rosters);
    } finally {
      await producer.close();
      redis.disconnect();
    }
  });
});

type Interleaving = ReturnType<typeof interleaving>;
type Queue = ReturnType<JobProducer['queue']>;

async function writeThenKill(s: FaultStack, planning: Interleaving, redis: Redis, assignments: Queue, rosters: Queue): Promise<void> {
  const publish = async (withThe27th: boolean): Promise<void> => {
    expect((await http.post(`${s.schedulingSystem}/_sim/schedules`, roster(withThe27th), XML)).status).toBe(200);
    const { data } = await http.post(`${s.schedulingSystem}/_sim/publish`, { unitId: 'NORR-1', url: `${s.api.url}/inbound/scheduling-system`, token: DEMO_TOKENS.scheduleInbound });
    expect((data as { published: Array<{ status: number }> }).published.map((p) => p.status)).toEqual([202]);
  };

  // Version 1 (INS-1..4) among generated clients, and NORR-1's roster with the 27th, together.
  expect((await http.post(`${s.caseSystem}/_sim/generate`, { clients: CLIENTS, seed: 11 })).status).toBe(200);
  expect((await http.post(`${s.caseSystem}/_sim/assignments`, example('case-system/examples/uppdrag-ny.xml'), XML)).status).toBe(200);
  await Promise.all([pushAll(s), publish(true)]);
  await eventually(async () => (planning.seen.order && planning.seen.day ? true : undefined), 'both writes applied and their answers held', 60_000, 100);
  // Killed just after a stalled check marked both jobs (BullMQ moves a marked job whose lock
  // is gone at the next check): they come back one check interval later, not two. Only
  // the time the case takes depends on it.
  await eventually(
    async () => {
      const marked = async (queue: Queue, ids: string[]) => ids.length > 0 && (await Promise.all(ids.map((id) => redis.sismember(queue.keys.stalled, id)))).every((m) => m === 1);
      const rosterIds = (await rosters.getActive()).map((j) => j.id ?? '');
      return (await marked(assignments, [JOB_IDS.assignmentApply('UPP-2026-0417', 1)])) && (await marked(rosters, rosterIds)) ? true : undefined;
    },
    'a stalled check to mark both held jobs',
    45_000,
    50,
  );

  // Killed while the planning tool holds both writes and the worker has recorded neither.
  const victim = s.workers[0];
  planning.killedNow();
  victim.kill('SIGKILL');
  await victim.exited;
  planning.release();
  const killedAt = Date.now();

  // Version 2 withdraws INS-4; the roster's next revision leaves E10234's 27th empty. A restarted worker takes everything on.
  expect((await http.post(`${s.caseSystem}/_sim/assignments`, example('case-system/examples/uppdrag-andrad.xml'), XML)).status).toBe(200);
  await Promise.all([pushAll(s), publish(false)]);
  await s.startWorker('worker-2');

  const end = await settledEndState(s, PERIOD, 120_000);
  // The interleaving the issue names: version 1 came back once version 2 was in (applied: stale; queued: superseded), and did nothing.
  const v1 = await assignments.getJob(JOB_IDS.assignmentApply('UPP-2026-0417', 1));
  const v2 = await assignments.getJob(JOB_IDS.assignmentApply('UPP-2026-0417', 2));
  expect(v2?.returnvalue).toBe('applied');
  expect(['stale', 'superseded']).toContain(v1?.returnvalue);
  // The roster's killed export came back, was refused and failed for good: the one failed job.
  const failed = await rosters.getFailed();
  expect(failed.map((j) => j.failedReason.slice(0, 20))).toEqual(['[planning-refused] p']);
  expect(planning.refusals()).toBe(1);
  console.log(
    `[faults] write then kill: ${JSON.stringify({ clients: CLIENTS, exactAfterKillS: Number(((Date.now() - killedAt) / 1000).toFixed(1)), end: { ...end, differences: end.differences.length } })}`,
  );
  expect(end.differences).toEqual([]);
  expect(end.failedJobs).toBe(1);
  expect(end.staffDays).toBeGreaterThan(0);
}
