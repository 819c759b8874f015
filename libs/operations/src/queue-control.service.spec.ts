import { BadRequestException } from '@nestjs/common';
import { QueueName } from '@brygga/queue';
import { OPERATOR, type OperationsRig, operationsRig } from './operations.test-harness';

describe('QueueControlService (real Redis, real BullMQ queues)', () => {
  let rig: OperationsRig;

  beforeEach(async () => {
    rig = await operationsRig('queue-control');
  });
  afterEach(async () => rig.close());

  it('counts every queue, with whether it is paused', async () => {
    await rig.producer.enqueue('assignment.apply', { v: 1, assignmentId: 'UPP-1', version: 1 });
    await rig.producer.enqueue('schedule-document.apply', { v: 1, documentId: 'd-1' }, { delay: 60_000 });
    const counts = await rig.queues.counts();
    expect(Object.keys(counts).sort()).toEqual(Object.values(QueueName).sort());
    expect(counts.assignments).toEqual({ waiting: 1, active: 0, delayed: 0, failed: 0, completed: 0, prioritized: 0, paused: false });
    expect(counts['schedule-documents']).toMatchObject({ waiting: 0, delayed: 1 });
  });

  it('pauses and resumes a queue, each audited', async () => {
    expect(await rig.queues.pause(OPERATOR, 'assignments')).toEqual({ queue: 'assignments', paused: true });
    expect((await rig.queues.counts()).assignments.paused).toBe(true);
    expect(await rig.queues.resume(OPERATOR, 'assignments')).toEqual({ queue: 'assignments', paused: false });
    expect((await rig.queues.counts()).assignments.paused).toBe(false);
    expect((await rig.audit.list()).entries.map((e) => `${e.action} ${e.target} ${e.outcome} ${e.tokenName}`)).toEqual(['queue.resume assignments ok ops-anna', 'queue.pause assignments ok ops-anna']);
  });

  it('drains waiting jobs and leaves delayed and failed ones', async () => {
    await rig.failJobs('assignment.apply', [{ id: 'asg-f', data: { v: 1, assignmentId: 'UPP-F', version: 1 }, fail: 'boom' }]);
    await rig.queues.pause(OPERATOR, 'assignments');
    for (const n of [1, 2, 3]) await rig.producer.enqueue('assignment.apply', { v: 1, assignmentId: `UPP-${n}`, version: 1 });
    await rig.producer.enqueue('assignment.apply', { v: 1, assignmentId: 'UPP-LATER', version: 1 }, { delay: 60_000 });
    expect(await rig.queues.drain(OPERATOR, 'assignments')).toEqual({ queue: 'assignments', removed: 3 });
    expect(await rig.queues.counts()).toMatchObject({ assignments: { waiting: 0, delayed: 1, failed: 1, paused: true } });
  });

  it('refuses a queue it does not know, and audits the refusal', async () => {
    const error = await rig.queues.pause(OPERATOR, 'no-such-queue').catch((e: Error) => e);
    expect(error).toBeInstanceOf(BadRequestException);
    expect((error as Error).message).toMatch(/^queue must be one of case-documents, assignments/);
    expect((await rig.audit.list()).entries).toEqual([expect.objectContaining({ action: 'queue.pause', target: 'no-such-queue', outcome: 'invalid' })]);
  });
});
