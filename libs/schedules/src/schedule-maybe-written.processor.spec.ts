import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { INestApplication } from '@nestjs/common';
import type { Job } from 'bullmq';
import Redis from 'ioredis';
import { contractsDir, loadMappingRules } from '@brygga/config';
import type { PlanningStaffDay } from '@brygga/domain';
import { PlanningClientsRegistry } from '@brygga/planning-tool';
import { JOB_IDS, JobProducer, QueueName, type JobPayloads } from '@brygga/queue';
import { createPlanningToolSimulator } from '@brygga/sim-planning-tool';
import { deletePrefix, type FlowInfrastructure, listenLocal, TEST_REDIS_URL, uniquePrefix } from '@brygga/testing';
import axios from 'axios';
import { ScheduleDocumentProcessor } from './schedule-document.processor';
import { ScheduleIntake } from './schedule-intake.service';
import { scheduleKeys } from './schedule-keys';
import { ScheduleStateStore } from './schedule-state.store';
import { schedulesWorker } from './schedules.test-harness';

type ApplyJob = Job<JobPayloads['schedule-document.apply']>;
type SimStaff = { id: string; firstName: string; days: Record<string, PlanningStaffDay> };

const example = readFileSync(join(contractsDir(), 'scheduling-system/examples/schedule-norr1.xml'), 'utf8');
/** The night patrol: E10377 lent from NORR-1 for the 25th and 26th, nothing of NORR-1's days. */
const nattLan = readFileSync(join(contractsDir(), 'scheduling-system/examples/schedule-natt-lan.xml'));
/** E10234 (Leila) works two split shifts on the 27th; E10377 is listed too. */
const roster = (revision: number, { dayOn27 = true, e10377 = true, firstName = 'Leila' } = {}): Buffer => {
  let xml = example.replace('revision="57"', `revision="${revision}"`).replace('<FirstName>Leila</FirstName>', `<FirstName>${firstName}</FirstName>`);
  if (!dayOn27) xml = xml.replace(/\s*<Shift date="2026-11-27"[^>]*\/>/g, '');
  if (!e10377) xml = xml.replace(/\s*<Employee id="TC-000912"[\s\S]*?<\/Employee>/, '');
  return Buffer.from(xml);
};

/** Sends and dies before the record, as a worker killed between the planning tool's answer and the record does. */
class DiesBeforeRecord extends ScheduleStateStore {
  override async recordSent(): Promise<void> {
    throw new Error('worker killed');
  }
}

describe('ScheduleDocumentProcessor: a worker killed between its writes and their record (real Redis, real planning simulator)', () => {
  let sim: INestApplication;
  let base: string;
  let infrastructure: FlowInfrastructure;
  let processor: ScheduleDocumentProcessor;
  let dying: ScheduleDocumentProcessor;
  let intake: ScheduleIntake;

  beforeAll(async () => {
    sim = await createPlanningToolSimulator({ tenants: { kommunen: 'k-token', omsorgshuset: 'o-token' }, logger: false });
    base = await listenLocal(sim);
    const redis = new Redis(TEST_REDIS_URL);
    const prefix = uniquePrefix('sched-maybe');
    const rules = loadMappingRules('config/mapping-rules.yaml');
    const planning = new PlanningClientsRegistry({ K: 'k-token', O: 'o-token' }, {
      timeoutMs: 30_000,
      tenantsJson: JSON.stringify({ kommunen: { baseUrl: `${base}/kommunen`, tokenEnv: 'K' }, omsorgshuset: { baseUrl: `${base}/omsorgshuset`, tokenEnv: 'O' } }),
    });
    planning.configure(rules.tenants);
    infrastructure = { redis, prefix, producer: new JobProducer(redis, prefix), planning, rules: () => rules, today: () => '2026-11-23' };
    const flow = await schedulesWorker(infrastructure);
    processor = flow.get(ScheduleDocumentProcessor);
    intake = flow.get(ScheduleIntake);
    dying = (await schedulesWorker(infrastructure, {}, (b) => b.overrideProvider(ScheduleStateStore).useClass(DiesBeforeRecord))).get(ScheduleDocumentProcessor);
  });
  afterAll(async () => {
    await infrastructure.producer.close();
    await deletePrefix(infrastructure.redis, infrastructure.prefix);
    infrastructure.redis.disconnect();
    await sim.close();
  });

  /** Stored and queued as a push is; its queued job taken away, as this spec runs the processor itself. */
  const received = async (bytes: Buffer, revision: number, unitId = 'NORR-1'): Promise<ApplyJob> => {
    const documentId = await intake.receiveDocument(bytes, { unitId, revision }, 'push');
    await (await infrastructure.producer.queue(QueueName.ScheduleDocuments).getJob(JOB_IDS.scheduleDocumentApply(documentId)))?.remove();
    return { data: { v: 1, documentId }, attemptsMade: 0, moveToDelayed: async () => undefined } as unknown as ApplyJob;
  };
  const staff = async (): Promise<Record<string, SimStaff>> => {
    const { data } = await axios.get<{ staff: SimStaff[] }>(`${base}/_sim/kommunen/state`);
    return Object.fromEntries(data.staff.map((s) => [s.id, s]));
  };
  const filled = (day: PlanningStaffDay | undefined) => (day?.shifts.length ?? 0) + (day?.absences.length ?? 0) > 0;

  it('the next export, which empties what the killed one wrote, writes it back (the day, an employee it no longer lists, the staff record)', async () => {
    // Revision 56 applied: no shift on the 27th, E10377 not listed.
    expect(await processor.apply(await received(roster(56, { dayOn27: false, e10377: false }), 56))).toBe('applied');
    // Revision 57 fills the 27th, lists E10377 and renames E10234: sent, then the worker dies; the export never completes.
    await expect(dying.apply(await received(roster(57, { firstName: 'Leyla' }), 57))).rejects.toThrow('worker killed');
    const written = await staff();
    expect(filled(written.E10234.days['2026-11-27'])).toBe(true);
    expect(written.E10234.firstName).toBe('Leyla');
    expect(Object.values(written.E10377.days).some(filled)).toBe(true);

    // Revision 58 says what 56 said. Against the record alone, it would change nothing.
    expect(await processor.apply(await received(roster(58, { dayOn27: false, e10377: false }), 58))).toBe('applied');
    const after = await staff();
    expect(filled(after.E10234.days['2026-11-27'])).toBe(false);
    expect(after.E10234.firstName).toBe('Leila');
    expect(Object.entries(after.E10377.days).filter(([, day]) => filled(day))).toEqual([]);
    expect(filled(after.E10234.days['2026-11-23'])).toBe(true);

    // Cleared by the records: nothing noted is left for the dates 58 applied.
    const keys = scheduleKeys(infrastructure.prefix);
    expect(await infrastructure.redis.hgetall(keys.maybeWritten('kommunen', 'E10234'))).toEqual({});
    // E10377's record stays in the planning tool (staff are never deleted), and so does its note, until a record of it is sent.
    expect(Object.keys(await infrastructure.redis.hgetall(keys.maybeWritten('kommunen', 'E10377')))).toEqual(['staff']);
    expect(Object.keys(await infrastructure.redis.hgetall(keys.unitDates('NORR-1'))).filter((f) => f.endsWith('|maybe'))).toEqual([]);
  });

  it('the killed export run again after another unit emptied its days writes them again (not answered from the first attempt\'s Idempotency-Key)', async () => {
    // A state of its own: nothing of the case above.
    await deletePrefix(infrastructure.redis, infrastructure.prefix);
    await axios.delete(`${base}/_sim`);
    // NORR-1's revision 57 (E10377 on the 23rd) sent, then the worker dies; the export never completes.
    const killed = await received(roster(57), 57);
    await expect(dying.apply(killed)).rejects.toThrow('worker killed');
    expect(filled((await staff()).E10377.days['2026-11-23'])).toBe(true);

    // The night patrol lists E10377 too, nothing on the 23rd; NORR-1's part is not recorded, so its
    // merge of the 23rd is empty, and the note says the day may hold NORR-1's shift: it empties it.
    expect(await processor.apply(await received(nattLan, 20, 'NATT'))).toBe('applied');
    expect(filled((await staff()).E10377.days['2026-11-23'])).toBe(false);

    // The stalled check hands the killed job on: the same export, applied again, must put the 23rd back.
    expect(await processor.apply(killed)).toBe('applied');
    const after = await staff();
    expect(filled(after.E10377.days['2026-11-23'])).toBe(true);
    expect(filled(after.E10377.days['2026-11-25'])).toBe(true);
    expect(filled(after.E10234.days['2026-11-27'])).toBe(true);
  });
});
