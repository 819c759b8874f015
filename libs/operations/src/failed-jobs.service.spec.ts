import { BadRequestException, ConflictException, NotFoundException } from '@nestjs/common';
import { QueueName } from '@brygga/queue';
import { OPERATOR, type OperationsRig, operationsRig } from './operations.test-harness';

const MINUTE = 60_000;

describe('FailedJobsService (real Redis, real BullMQ failures)', () => {
  let rig: OperationsRig;

  beforeEach(async () => {
    rig = await operationsRig('failed-jobs');
  });
  afterEach(async () => rig.close());

  /** 12 assignment jobs (every third refused by the planning tool, the rest exhausted) and 3 schedule jobs. */
  async function someFailures(): Promise<void> {
    await rig.failJobs(
      'assignment.apply',
      Array.from({ length: 12 }, (_, i) => ({ id: `asg-${String(i).padStart(2, '0')}`, data: { v: 1 as const, assignmentId: `UPP-${i}`, version: 1, documentId: `doc-${i}` }, fail: i % 3 === 0 ? '[planning-refused] planning tool answered 400' : 'connect ECONNREFUSED' })),
    );
    await rig.failJobs('schedule-document.apply', [0, 1, 2].map((i) => ({ id: `sdoc-${i}`, data: { v: 1 as const, documentId: `sdoc-${i}` }, fail: '[vendor-unauthorized] the scheduling system refused our token' })));
  }

  it('lists every failed job once, newest first, across queues, page by page', async () => {
    await someFailures();
    const seen: string[] = [];
    const times: number[] = [];
    let page = await rig.failed.list({ limit: 4 });
    const sizes = [page.items.length];
    for (;;) {
      seen.push(...page.items.map((i) => `${i.queue}/${i.jobId}`));
      times.push(...page.items.map((i) => Date.parse(i.failedAt)));
      if (!page.next) break;
      page = await rig.failed.list({ limit: 4, cursor: page.next });
      sizes.push(page.items.length);
    }
    expect(sizes).toEqual([4, 4, 4, 3]);
    expect(new Set(seen).size).toBe(15);
    expect(times).toEqual([...times].sort((a, b) => b - a));
  });

  it('pages through failures of one millisecond in several queues without skipping or repeating', async () => {
    await someFailures();
    for (const queue of [QueueName.Assignments, QueueName.ScheduleDocuments]) {
      const key = rig.producer.queue(queue).toKey('failed');
      const members = await rig.redis.zrange(key, '0', '-1');
      for (const m of members) await rig.redis.zadd(key, '1790000000000', m);
    }
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await rig.failed.list({ limit: 2, cursor });
      seen.push(...page.items.map((i) => `${i.queue}/${i.jobId}`));
      cursor = page.next;
    } while (cursor);
    expect(seen).toHaveLength(15);
    expect(new Set(seen).size).toBe(15);
  });

  it('shows ids, a reason code and its words, never the rest of the data', async () => {
    await someFailures();
    const [refused] = (await rig.failed.list({ queue: 'assignments', reason: 'planning-refused', limit: 1 })).items;
    expect(refused).toMatchObject({ queue: 'assignments', name: 'assignment.apply', flow: 'interventions', reasonCode: 'planning-refused', reason: 'planning tool answered 400', attemptsMade: 1, ids: { assignmentId: expect.stringMatching(/^UPP-/), version: 1, documentId: expect.stringMatching(/^doc-/) } });
    expect(Object.keys(refused.ids).every((k) => /Id$|^version$|^rid$/.test(k))).toBe(true);
    expect(refused.ids).not.toHaveProperty('v');
  });

  it('filters by queue, flow, reason code and age', async () => {
    await someFailures();
    const count = async (q: Parameters<OperationsRig['failed']['list']>[0], now?: Date) => (await rig.failed.list({ limit: 200, ...q }, now)).items.length;
    expect(await count({})).toBe(15);
    expect(await count({ queue: 'assignments' })).toBe(12);
    expect(await count({ flow: 'schedules' })).toBe(3);
    expect(await count({ flow: 'interventions', reason: 'planning-refused' })).toBe(4);
    expect(await count({ reason: 'transient.exhausted' })).toBe(8);
    expect(await count({ reason: 'vendor-unauthorized', queue: 'assignments' })).toBe(0);
    const later = new Date(Date.now() + 10 * MINUTE);
    expect(await count({ olderThanMinutes: 5 }, later)).toBe(15);
    expect(await count({ newerThanMinutes: 5 }, later)).toBe(0);
    expect(await count({ newerThanMinutes: 5 })).toBe(15);
  });

  it('discards a job with a reason: out of the default list, listed apart with its mark, audited, never twice', async () => {
    await someFailures();
    const marked = await rig.failed.discard(OPERATOR, 'assignments', 'asg-03', 'planning refuses it, case closed');
    expect(marked.discarded).toEqual({ at: expect.any(String), reason: 'planning refuses it, case closed', by: 'ops-anna' });
    expect((await rig.failed.list({ limit: 200 })).items.map((i) => i.jobId)).not.toContain('asg-03');
    expect((await rig.failed.list({ discarded: true })).items).toEqual([expect.objectContaining({ jobId: 'asg-03', reasonCode: 'planning-refused', discarded: marked.discarded })]);
    expect(await rig.producer.queue(QueueName.Assignments).getJobState('asg-03')).toBe('failed');
    await expect(rig.failed.discard(OPERATOR, 'assignments', 'asg-03', 'again')).rejects.toBeInstanceOf(ConflictException);
    await expect(rig.failed.discard(OPERATOR, 'assignments', 'asg-99', 'no such')).rejects.toBeInstanceOf(NotFoundException);
    const audit = (await rig.audit.list()).entries.map((e) => [e.action, e.target, e.outcome]);
    expect(audit).toEqual([
      ['jobs.discard', 'assignments/asg-99', 'not-found'],
      ['jobs.discard', 'assignments/asg-03', 'conflict'],
      ['jobs.discard', 'assignments/asg-03', 'ok'],
    ]);
    expect(JSON.stringify(await rig.audit.list())).not.toContain('case closed');
  });

  it('refuses a discard reason that is a note rather than a short reason', async () => {
    await someFailures();
    await expect(rig.failed.discard(OPERATOR, 'assignments', 'asg-03', '')).rejects.toThrow(/reason must be/);
    await expect(rig.failed.discard(OPERATOR, 'assignments', 'asg-03', 'x'.repeat(201))).rejects.toThrow(/reason must be/);
    await expect(rig.failed.discard(OPERATOR, 'assignments', 'asg-03', 'line one\nline two')).rejects.toBeInstanceOf(BadRequestException);
  });

  it('redrives one job with fresh attempts, and its discard mark goes', async () => {
    await someFailures();
    await rig.failed.discard(OPERATOR, 'assignments', 'asg-00', 'later');
    expect(await rig.failed.redriveOne(OPERATOR, 'assignments', 'asg-00')).toEqual({ redriven: 1 });
    const job = await rig.producer.queue(QueueName.Assignments).getJob('asg-00');
    expect([await job?.getState(), job?.attemptsMade]).toEqual(['waiting', 0]);
    expect((await rig.failed.list({ discarded: true })).items).toEqual([]);
    await expect(rig.failed.redriveOne(OPERATOR, 'assignments', 'asg-00')).rejects.toBeInstanceOf(NotFoundException);
  });

  it('redrives every job a filter matches, discarded ones left alone', async () => {
    await someFailures();
    await rig.failed.discard(OPERATOR, 'assignments', 'asg-03', 'leave it');
    expect(await rig.failed.redriveMatching(OPERATOR, { reason: 'planning-refused' })).toEqual({ redriven: 3, skipped: 0 });
    expect((await rig.failed.list({ reason: 'planning-refused' })).items).toEqual([]);
    expect((await rig.failed.list({ discarded: true })).items.map((i) => i.jobId)).toEqual(['asg-03']);
    expect((await rig.failed.list({ limit: 200 })).items).toHaveLength(11);
    const [entry] = (await rig.audit.list({ action: 'jobs.redrive' })).entries;
    expect(entry).toMatchObject({ target: 'filter/reason:planning-refused', outcome: 'ok', tokenName: 'ops-anna', requestId: 'req-1' });
  });

  it.each<[string, object, RegExp]>([
    ['a limit of 0', { limit: 0 }, /^limit must be a whole number from 1 to 200$/],
    ['a limit of 201', { limit: 201 }, /^limit/],
    ['a cursor not from a page', { cursor: 'not-a-cursor!' }, /^cursor/],
    ['a cursor of the wrong shape', { cursor: Buffer.from('{"a":1}').toString('base64url') }, /^cursor/],
    ['an unknown queue', { queue: 'nope' }, /^queue must be one of/],
    ['a reason with a space', { reason: 'planning refused' }, /^reason must be a code/],
    ['a negative age', { olderThanMinutes: -1 }, /^olderThanMinutes/],
  ])('refuses %s with a 400 naming the parameter', async (_case, query, message) => {
    const error = await rig.failed.list(query).catch((e: Error) => e);
    expect(error).toBeInstanceOf(BadRequestException);
    expect((error as Error).message).toMatch(message);
  });
});
