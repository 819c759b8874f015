import { operationsKeys } from '@brygga/operations';
import { QueueName } from '@brygga/queue';
import { scheduleKeys } from '@brygga/schedules';
import type { AlertCondition, AlertEvent } from './alert-condition';
import { alertsRig, type AlertsRig, type Evaluator, MONDAY_10 } from './alerts.test-harness';

const MINUTE = 60_000;
const UNITS = ['NATT', 'NORR-1', 'NORR-2', 'OH-1', 'VAST-1'];

function of(events: AlertEvent[], condition: AlertCondition): Array<Pick<AlertEvent, 'subject' | 'state' | 'detail'>> {
  return events.filter((e) => e.condition === condition).map(({ subject, state, detail }) => ({ ...(subject !== undefined && { subject }), state, detail }));
}

describe('AlertEvaluator (real Redis, a clock the test moves)', () => {
  let rig: AlertsRig;
  let one: Evaluator;

  beforeEach(async () => {
    rig = await alertsRig('alerts');
    one = await rig.evaluatorProcess();
  });
  afterEach(async () => rig.close());

  const at = (date: Date) => (rig.clock.now = date);
  const later = (minutes: number, from = MONDAY_10) => at(new Date(from.getTime() + minutes * MINUTE));
  const evaluate = async (condition: AlertCondition) => of(await one.evaluator.evaluate(), condition);
  const rosters = async (units: string[], date: string) => {
    for (const unit of units) await rig.redis.hset(scheduleKeys(rig.prefix).unitDates(unit), date, '{"revision":1,"staffIds":[]}');
  };

  it('feed-silent: raised after 120 office minutes without a change (a poll that brought nothing is none), cleared by the next change', async () => {
    expect(await evaluate('feed-silent')).toEqual([]);
    await rig.lastSync.record('feed', later(60));
    expect(await evaluate('feed-silent')).toEqual([]);
    later(120);
    expect(await evaluate('feed-silent')).toEqual([{ state: 'raised', detail: { silentOfficeMinutes: 120 } }]);
    later(150);
    expect(await evaluate('feed-silent')).toEqual([]);
    await rig.lastSync.record('feed-change', later(151));
    expect(await evaluate('feed-silent')).toEqual([{ state: 'cleared', detail: { activeMinutes: 31 } }]);
    expect(await evaluate('feed-silent')).toEqual([]);
  });

  it('feed-silent: nights and weekends do not count; Friday 16:00 silent is raised Monday 08:00', async () => {
    const friday16 = new Date('2026-11-27T15:00:00.000Z');
    await rig.lastSync.record('feed-change', friday16);
    at(new Date('2026-11-30T06:59:00.000Z'));
    expect(await evaluate('feed-silent')).toEqual([]);
    at(new Date('2026-11-30T07:00:00.000Z'));
    expect(await evaluate('feed-silent')).toEqual([{ state: 'raised', detail: { silentOfficeMinutes: 120 } }]);
  });

  it('feed-silent is off when the feed is not polled', async () => {
    const unpolled = await rig.evaluatorProcess({ feedPolled: false });
    later(24 * 60);
    expect(of(await unpolled.evaluator.evaluate(), 'feed-silent')).toEqual([]);
  });

  it('roster-missing: each served unit without a roster for the day due, tomorrow from 16:00 on; cleared per unit when it comes', async () => {
    await rosters(UNITS, '2026-11-23');
    expect(await evaluate('roster-missing')).toEqual([]);
    later(5 * 60 + 59);
    expect(await evaluate('roster-missing')).toEqual([]);
    later(6 * 60);
    expect(await evaluate('roster-missing')).toEqual(UNITS.map((subject) => ({ subject, state: 'raised', detail: { date: '2026-11-24' } })));
    await rosters(['NORR-1'], '2026-11-24');
    expect(await evaluate('roster-missing')).toEqual([{ subject: 'NORR-1', state: 'cleared', detail: { activeMinutes: 0 } }]);
    // Past midnight the day due is today (still the 24th): the others stay raised, no new events.
    at(new Date('2026-11-23T23:30:00.000Z'));
    expect(await evaluate('roster-missing')).toEqual([]);
    expect((await one.service.overview()).active.filter((a) => a.condition === 'roster-missing').map((a) => a.subject)).toEqual(UNITS.filter((u) => u !== 'NORR-1'));
  });

  it('unhandled-items: failed jobs and quarantined entries waiting past 60 minutes; a discarded job is handled', async () => {
    const now = new Date();
    await rig.failJob('case-feed.poll', { v: 1 });
    await rig.quarantine.quarantine({ ref: 'UPP-1', reasons: [{ code: 'date.invalid', text: 't' }] }, now);
    later(59, now);
    expect(await evaluate('unhandled-items')).toEqual([]);
    later(61, now);
    expect(await evaluate('unhandled-items')).toEqual([{ state: 'raised', detail: { failedJobs: 1, quarantined: 1 } }]);
    const [failed] = await rig.producer.queue(QueueName.Scheduler).getFailed();
    await rig.redis.hset(operationsKeys(rig.prefix).discarded, `scheduler:${failed.id}`, '{}');
    const [entry] = await rig.quarantine.listQuarantine();
    expect(await evaluate('unhandled-items')).toEqual([]);
    await rig.quarantine.removeQuarantined([entry.id]);
    expect(await evaluate('unhandled-items')).toEqual([{ state: 'cleared', detail: { activeMinutes: 0 } }]);
  });

  it('queue-age: per queue, when its oldest waiting job waits past 15 minutes; cleared when it is taken', async () => {
    await rig.producer.enqueue('assignment.apply', { v: 1, assignmentId: 'UPP-1', version: 1 }, { jobId: 'waits' });
    await rig.producer.enqueue('assignment.apply', { v: 1, assignmentId: 'UPP-2', version: 1 });
    const now = new Date();
    later(14, now);
    expect(await evaluate('queue-age')).toEqual([]);
    later(16, now);
    expect(await evaluate('queue-age')).toEqual([{ subject: 'assignments', state: 'raised', detail: { oldestWaitingMinutes: 16, waiting: 2, paused: 0 } }]);
    await rig.producer.queue(QueueName.Assignments).drain();
    expect(await evaluate('queue-age')).toEqual([{ subject: 'assignments', state: 'cleared', detail: { activeMinutes: 0 } }]);
  });

  it('tenant-failing: per tenant of the rules failing for 10 minutes without an answer; cleared by its next answer', async () => {
    await rig.tenantHealth.record({ tenant: 'kommunen', outcome: '5xx', status: 503, at: MONDAY_10 });
    await rig.tenantHealth.record({ tenant: 'not-in-the-rules', outcome: 'timeout', at: MONDAY_10 });
    await rig.tenantHealth.record({ tenant: 'omsorgshuset', outcome: 'ok', status: 200, at: MONDAY_10 });
    await rig.tenantHealth.record({ tenant: 'kommunen', outcome: 'timeout', at: later(9) });
    expect(await evaluate('tenant-failing')).toEqual([]);
    later(10);
    expect(await evaluate('tenant-failing')).toEqual([{ subject: 'kommunen', state: 'raised', detail: { failingMinutes: 10, lastErrorCode: 'timeout', errors: 1, breaker: 'closed' } }]);
    await rig.tenantHealth.record({ tenant: 'kommunen', outcome: 'ok', status: 200, at: later(12) });
    expect(await evaluate('tenant-failing')).toEqual([{ subject: 'kommunen', state: 'cleared', detail: { activeMinutes: 2 } }]);
  });

  it('reconcile-drift: raised when the last finished run found drift, with its id and count; cleared by a run that finds none', async () => {
    const keys = operationsKeys(rig.prefix);
    expect(await evaluate('reconcile-drift')).toEqual([]);
    await rig.redis.set(keys.reconcileLast, JSON.stringify({ runId: 'c-1', finishedAt: MONDAY_10.toISOString(), durationSeconds: 3, counts: { customerMissing: 1, staffDayDiffers: 2 }, items: 3 }));
    expect(await evaluate('reconcile-drift')).toEqual([{ state: 'raised', detail: { runId: 'c-1', items: 3 } }]);
    expect(await evaluate('reconcile-drift')).toEqual([]);
    await rig.redis.set(keys.reconcileLast, JSON.stringify({ runId: 'c-2', finishedAt: later(5).toISOString(), durationSeconds: 3, counts: {}, items: 0 }));
    expect(await evaluate('reconcile-drift')).toEqual([{ state: 'cleared', detail: { activeMinutes: 5 } }]);
  });

  it('tenant-failing is silenced while a maintenance window of the tenant is in force', async () => {
    await rig.maintenance.add('kommunen', { from: MONDAY_10.toISOString(), until: later(60).toISOString(), reason: 'planned upgrade' }, 'ops-anna', MONDAY_10);
    await rig.tenantHealth.record({ tenant: 'kommunen', outcome: '5xx', status: 503, at: MONDAY_10 });
    later(30);
    expect(await evaluate('tenant-failing')).toEqual([]);
    later(60);
    expect(await evaluate('tenant-failing')).toEqual([{ subject: 'kommunen', state: 'raised', detail: { failingMinutes: 60, lastErrorCode: '503', errors: 0, breaker: 'closed' } }]);
  });

  it('two processes evaluating at once raise each alert once and clear it once', async () => {
    const two = await rig.evaluatorProcess();
    await rig.tenantHealth.record({ tenant: 'kommunen', outcome: '401', status: 401, at: MONDAY_10 });
    later(30);
    const raised = await Promise.all([...Array(5)].flatMap(() => [one.evaluator.evaluate(), two.evaluator.evaluate()]));
    expect(of(raised.flat(), 'tenant-failing')).toEqual([{ subject: 'kommunen', state: 'raised', detail: { failingMinutes: 30, lastErrorCode: '401', errors: 0, breaker: 'closed' } }]);
    await rig.tenantHealth.record({ tenant: 'kommunen', outcome: 'ok', status: 200, at: later(31) });
    const cleared = await Promise.all([...Array(5)].flatMap(() => [two.evaluator.evaluate(), one.evaluator.evaluate()]));
    expect(of(cleared.flat(), 'tenant-failing')).toEqual([{ subject: 'kommunen', state: 'cleared', detail: { activeMinutes: 1 } }]);
    const journal = (await one.service.overview()).recent.filter((e) => e.condition === 'tenant-failing');
    expect(journal.map((e) => e.state)).toEqual(['cleared', 'raised']);
    expect(journal[0].id > journal[1].id).toBe(true);
  });

  it('a reading older than the last transition changes nothing (a slow evaluator cannot undo a newer one)', async () => {
    const raised = await one.store.transition({ condition: 'queue-age', subject: 'assignments', state: 'raised', at: later(10), detail: {} }, { retentionDays: 30, outbox: false });
    expect(raised).toMatchObject({ condition: 'queue-age', subject: 'assignments', state: 'raised', at: later(10).toISOString() });
    expect(await one.store.transition({ condition: 'queue-age', subject: 'assignments', state: 'cleared', at: later(9), detail: {} }, { retentionDays: 30, outbox: false })).toBeUndefined();
    expect(await one.store.activeCounts()).toEqual({ 'feed-silent': 0, 'roster-missing': 0, 'unhandled-items': 0, 'queue-age': 1, 'tenant-failing': 0, 'reconcile-drift': 0 });
  });
});
