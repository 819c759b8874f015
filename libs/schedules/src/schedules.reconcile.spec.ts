import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { INestApplication } from '@nestjs/common';
import axios, { type AxiosInstance } from 'axios';
import type { Job } from 'bullmq';
import Redis from 'ioredis';
import { contractsDir, loadMappingRules } from '@brygga/config';
import type { DriftItem } from '@brygga/domain';
import { createPersonKeys, FLOW_OUTCOMES, type FlowEvent, type FlowOutcomeObserver, PERSON_KEYS, type RepairAttempt } from '@brygga/flow-kernel';
import { checkEvent } from '@brygga/journal';
import type { MappingRules } from '@brygga/mapping';
import { PlanningClientsRegistry } from '@brygga/planning-tool';
import { JOB_IDS, JobProducer, type JobPayloads, QueueName } from '@brygga/queue';
import { createPlanningToolSimulator, type TenantSnapshot } from '@brygga/sim-planning-tool';
import { deletePrefix, listenLocal, rejectionOf, TEST_REDIS_URL, uniquePrefix } from '@brygga/testing';
import { ScheduleDocumentProcessor } from './schedule-document.processor';
import { ScheduleIntake } from './schedule-intake.service';
import { SchedulesReconcile } from './schedules.reconcile';
import { schedulesWorker } from './schedules.test-harness';

const norr1 = readFileSync(join(contractsDir(), 'scheduling-system/examples/schedule-norr1.xml'));
const persons = createPersonKeys('a-person-key-for-this-spec');
const attempt: RepairAttempt = { runId: 'c-fedcba9876543210', attempt: 'a2', by: 'operator' };

describe('SchedulesReconcile: a repair journals each staff member it repairs (real Redis, real planning simulator)', () => {
  let sim: INestApplication;
  let control: AxiosInstance;
  let redis: Redis;
  let prefix: string;
  let producer: JobProducer;
  let rules: MappingRules;
  let reconcile: SchedulesReconcile;
  let processor: ScheduleDocumentProcessor;
  let intake: ScheduleIntake;
  const events: FlowEvent[] = [];
  const observer: FlowOutcomeObserver = { outcome: () => undefined, confirmed: () => undefined, event: (e) => void events.push(e) };
  let staffId = '';
  let date = '';

  beforeAll(async () => {
    sim = await createPlanningToolSimulator({ tenants: { kommunen: 'k-token', omsorgshuset: 'o-token' }, logger: false });
    const base = await listenLocal(sim);
    control = axios.create({ baseURL: base, validateStatus: () => true });
    redis = new Redis(TEST_REDIS_URL);
    prefix = uniquePrefix('sched-reconcile');
    producer = new JobProducer(redis, prefix);
    rules = loadMappingRules('config/mapping-rules.yaml');
    const planning = new PlanningClientsRegistry({ K: 'k-token', O: 'o-token' }, {
      timeoutMs: 30_000,
      tenantsJson: JSON.stringify({ kommunen: { baseUrl: `${base}/kommunen`, tokenEnv: 'K' }, omsorgshuset: { baseUrl: `${base}/omsorgshuset`, tokenEnv: 'O' } }),
    });
    planning.configure(rules.tenants);
    const flow = await schedulesWorker({ redis, prefix, producer, planning, rules: () => rules, today: () => '2026-11-23' }, {}, (b) =>
      b.overrideProvider(FLOW_OUTCOMES).useValue(observer).overrideProvider(PERSON_KEYS).useValue(persons),
    );
    [reconcile, processor, intake] = [flow.get(SchedulesReconcile), flow.get(ScheduleDocumentProcessor), flow.get(ScheduleIntake)];
  });

  afterAll(async () => {
    await producer.close();
    await deletePrefix(redis, prefix);
    redis.disconnect();
    await sim.close();
  });

  const state = async () => (await control.get('/_sim/kommunen/state')).data as TenantSnapshot;

  beforeEach(async () => {
    await deletePrefix(redis, prefix);
    await control.delete('/_sim');
    await control.delete('/_sim/faults');
    const documentId = await intake.receiveDocument(norr1, { unitId: 'NORR-1', revision: 57 }, 'push');
    await (await producer.queue(QueueName.ScheduleDocuments).getJob(JOB_IDS.scheduleDocumentApply(documentId)))?.remove();
    const job = { data: { v: 1, documentId }, attemptsMade: 0, moveToDelayed: async () => undefined } as unknown as Job<JobPayloads['schedule-document.apply']>;
    expect(await processor.apply(job)).toBe('applied');
    const staff = (await state()).staff.find((s) => Object.values(s.days).some((d) => d.shifts.length > 0));
    if (!staff) throw new Error('the example roster sent no shift');
    staffId = staff.id;
    date = Object.keys(staff.days).find((d) => staff.days[d].shifts.length > 0) ?? '';
    // The day emptied by hand in the planning tool: the drift a run finds.
    const tool = { headers: { Authorization: 'Bearer k-token', 'Idempotency-Key': `tamper-${Date.now()}` } };
    expect([200, 201, 204]).toContain((await control.put(`/kommunen/api/v1/staff/${staffId}/days/${date}`, { shifts: [], absences: [] }, tool)).status);
    events.length = 0;
  });

  const dayDrift = async (): Promise<DriftItem[]> => {
    const items: DriftItem[] = [];
    await reconcile.downstream(async () => undefined, async (b) => void items.push(...b.items));
    return items.filter((i) => i.staffId === staffId);
  };

  it('journals the staff member whose day it sent again: reconcile.repair accepted, the run, tenant and staff id, the employee by keyed hash, the drift kind and the answer', async () => {
    const items = await dayDrift();
    expect(items).toEqual([{ flow: 'schedules', kind: 'staffDayDiffers', tenant: 'kommunen', staffId, date, fields: ['shifts'] }]);
    expect(await reconcile.repair(items, attempt)).toBe(1);
    expect((await state()).staff.find((s) => s.id === staffId)?.days[date].shifts.length).toBeGreaterThan(0);
    expect(events).toEqual([
      {
        kind: 'reconcile.repair',
        status: 'accepted',
        refs: { runId: attempt.runId, tenant: 'kommunen', staffId },
        personKey: persons.employee(staffId),
        rulesVersion: rules.version,
        answer: { status: '2xx' },
        reasons: ['staffDayDiffers'],
        detail: { attempt: 'a2', by: 'operator', operations: 'putStaffDay', count: 1 },
      },
    ]);
    events.forEach((e) => checkEvent(e));
  });

  it('journals a failed repair write with the planning tool’s answer (500), and throws it', async () => {
    const items = await dayDrift();
    expect((await control.post('/_sim/faults', { tenant: 'kommunen', status: 500, count: 1 })).status).toBe(201);
    expect(await rejectionOf(reconcile.repair(items, attempt))).toBeInstanceOf(Error);
    expect(events).toEqual([expect.objectContaining({ kind: 'reconcile.repair', status: 'failed', refs: { runId: attempt.runId, tenant: 'kommunen', staffId }, personKey: persons.employee(staffId), answer: { status: '500', code: 'PlanningTransientError' }, reasons: ['staffDayDiffers'] })]);
    expect((await state()).staff.find((s) => s.id === staffId)?.days[date]?.shifts ?? []).toEqual([]);
  });
});
