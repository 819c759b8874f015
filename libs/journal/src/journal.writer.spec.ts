import Redis from 'ioredis';
import { runWithRequestId } from '@brygga/queue';
import { deletePrefix, TEST_REDIS_URL, uniquePrefix } from '@brygga/testing';
import { journalKeys } from './journal-keys';
import { JournalStore } from './journal.store';
import { JournalWriter } from './journal.writer';

describe('JournalWriter (real Redis)', () => {
  let redis: Redis;
  let prefix: string;
  let store: JournalStore;
  let writer: JournalWriter;

  beforeAll(() => {
    redis = new Redis(TEST_REDIS_URL, { maxRetriesPerRequest: 3 });
  });
  afterAll(async () => redis.quit());
  beforeEach(() => {
    prefix = uniquePrefix('journal-writer');
    store = new JournalStore(redis, journalKeys(prefix), 30);
    writer = new JournalWriter(store);
  });
  afterEach(async () => deletePrefix(redis, prefix));

  it('writes in the order told, with the request id of what is running', async () => {
    runWithRequestId('req-7', () => {
      writer.write({ kind: 'document.received', status: 'stored', refs: { documentId: 'd-1' } });
      writer.write({ kind: 'assignment.stored', status: 'stored', refs: { documentId: 'd-1', assignmentId: 'UPP-1', version: 1 } });
    });
    await writer.flush();
    const page = await store.page('requestId', 'req-7', 10);
    expect(page.entries.map((e) => [e.kind, e.refs.requestId])).toEqual([
      ['document.received', 'req-7'],
      ['assignment.stored', 'req-7'],
    ]);
  });

  it('never throws into the work: a refused entry is counted, told and logged, and the next one is written', async () => {
    const told: number[] = [];
    writer.onFailure = () => told.push(1);
    expect(() => writer.write({ kind: 'assignment.skipped', status: 'skipped', refs: { assignmentId: 'UPP-2' }, reasons: ['not a code'] })).not.toThrow();
    writer.write({ kind: 'assignment.skipped', status: 'skipped', refs: { assignmentId: 'UPP-2' }, reasons: ['stale'] });
    await writer.flush();
    expect([writer.failures, told.length]).toEqual([1, 1]);
    expect((await store.page('assignmentId', 'UPP-2', 10)).entries.map((e) => e.reasons)).toEqual([['stale']]);
  });
  it('keeps the order told across batches: what is told while a batch is in flight goes out after it', async () => {
    writer.write({ kind: 'assignment.stored', status: 'stored', refs: { assignmentId: 'UPP-3', version: 1 } });
    writer.write({ kind: 'assignment.stored', status: 'stored', refs: { assignmentId: 'UPP-3', version: 2 } });
    await new Promise((resolve) => setImmediate(resolve));
    for (let v = 3; v <= 6; v++) writer.write({ kind: 'assignment.stored', status: 'stored', refs: { assignmentId: 'UPP-3', version: v } });
    await writer.flush();
    expect((await store.page('assignmentId', 'UPP-3', 10)).entries.map((e) => e.refs.version)).toEqual([1, 2, 3, 4, 5, 6]);
  });

  it('answers each entry of a batch on its own: a refused one in the middle leaves the others written, in order', async () => {
    const outcomes = await store.appendMany(
      ['UPP-4', 'UPP 4', 'UPP-5'].map((assignmentId) => ({ event: { kind: 'assignment.stored', status: 'stored', refs: { assignmentId, version: 1 } }, at: new Date() })),
    );
    expect(outcomes.map((o) => (o instanceof Error ? 'refused' : 'written'))).toEqual(['written', 'refused', 'written']);
    const [four, five] = await Promise.all([store.page('assignmentId', 'UPP-4', 10), store.page('assignmentId', 'UPP-5', 10)]);
    expect([four.entries[0].id, five.entries[0].id]).toEqual([outcomes[0], outcomes[2]]);
  });
});
