import Redis from 'ioredis';
import { deletePrefix, TEST_REDIS_URL, uniquePrefix } from '@brygga/testing';
import type { Reason } from '@brygga/domain';
import { FlowStatsStore } from './flow-stats.store';
import { kernelKeys } from './kernel-keys';

describe('FlowStatsStore (real Redis)', () => {
  let redis: Redis;
  let prefix: string;
  let stats: FlowStatsStore;

  beforeAll(() => {
    redis = new Redis(TEST_REDIS_URL, { maxRetriesPerRequest: 3 });
  });
  afterAll(async () => redis.quit());
  beforeEach(() => {
    prefix = uniquePrefix('flow-stats');
    stats = new FlowStatsStore(redis, kernelKeys(prefix), 'interventions');
  });
  afterEach(async () => deletePrefix(redis, prefix));

  it('counts, by one and by many, skipping zeros', async () => {
    await stats.increment('received');
    await stats.increment('received', 2);
    await stats.increment('failed', 0);
    await stats.incrementMany({ applied: 2, deletesSent: 0, received: 1 });
    expect(await stats.read()).toEqual({ received: 4, applied: 2 });
  });

  it('keeps each flow apart', async () => {
    await stats.increment('received');
    await new FlowStatsStore(redis, kernelKeys(prefix), 'schedules').increment('received', 5);
    expect(await stats.read()).toEqual({ received: 1 });
  });

  it('lists quarantined entries newest first and counts them by reason code', async () => {
    const unknownCode = (ins: string): Reason => ({
      code: 'mapping.unknown-intervention-code',
      path: `Beslut[BES-1]/Insats[${ins}]/@kod`,
      text: `assignment UPP-1, Beslut BES-1, Insats ${ins}: unknown intervention code XYZ (not in the mapping rules; never guessed)`,
    });
    const luhn: Reason = { code: 'identity-number.check-digit', path: 'Uppdrag/Brukare/Personnummer', text: 'Uppdrag/Brukare/Personnummer: check digit does not match (Luhn)' };
    await stats.quarantine({ ref: 'UPP-1', version: 1, documentId: 'doc-1', reasons: [unknownCode('INS-3'), unknownCode('INS-7')], rulesVersion: 'r1' });
    await stats.quarantine({ ref: 'UPP-2', version: 4, reasons: [luhn] });
    await stats.quarantine({ ref: 'UPP-3', reasons: [unknownCode('INS-1')] });

    const list = await stats.listQuarantine();
    expect(list.map((e) => e.ref)).toEqual(['UPP-3', 'UPP-2', 'UPP-1']);
    expect(list[2]).toMatchObject({ ref: 'UPP-1', version: 1, documentId: 'doc-1', rulesVersion: 'r1', reasons: [unknownCode('INS-3'), unknownCode('INS-7')] });
    expect(Number.isNaN(Date.parse(list[0].at))).toBe(false);
    expect(await stats.listQuarantine(2)).toHaveLength(2);

    // Two reasons of one code in one entry count the entry once.
    expect(await stats.read()).toEqual({
      quarantined: 3,
      'quarantined:mapping.unknown-intervention-code': 2,
      'quarantined:identity-number.check-digit': 1,
    });
  });

  it('still lists an entry stored before reasons had codes, its texts under legacy.unstructured', async () => {
    const old = { at: '2026-01-01T00:00:00.000Z', ref: 'UPP-OLD', reasons: ['Uppdrag/@startdatum: must be a real date YYYY-MM-DD'] };
    await redis.lpush(kernelKeys(prefix).quarantine('interventions'), JSON.stringify(old));
    expect(await stats.listQuarantine()).toEqual([{ id: 'legacy-00001', ...old, reasons: [{ code: 'legacy.unstructured', text: old.reasons[0] }] }]);
  });

  it('moves the list of entries without ids, oldest first numbered, under the new ones, once', async () => {
    const legacy = kernelKeys(prefix).quarantine('interventions');
    const reasons: Reason[] = [{ code: 'date.invalid', text: 'x' }];
    await redis.lpush(legacy, JSON.stringify({ at: '2026-01-01T00:00:00.000Z', ref: 'UPP-A', reasons }), JSON.stringify({ at: '2026-01-02T00:00:00.000Z', ref: 'UPP-B', reasons }));
    await stats.quarantine({ ref: 'UPP-C', reasons }, new Date('2026-02-01T00:00:00Z'));
    const list = await stats.listQuarantine();
    expect(list.map((e) => [e.id.startsWith('legacy') ? e.id : 'new', e.ref])).toEqual([['new', 'UPP-C'], ['legacy-00002', 'UPP-B'], ['legacy-00001', 'UPP-A']]);
    expect(await redis.exists(legacy)).toBe(0);
    expect(await new FlowStatsStore(redis, kernelKeys(prefix), 'interventions').listQuarantine()).toEqual(list);
  });

  it('pages through entries of one millisecond without skipping or repeating, and filters by code and age', async () => {
    const same = new Date('2026-03-01T10:00:00Z');
    const code = (c: Reason['code']): Reason[] => [{ code: c, text: 't' }];
    for (let i = 0; i < 7; i += 1) await stats.quarantine({ ref: `UPP-${i}`, reasons: code(i % 2 ? 'date.invalid' : 'mapping.unknown-unit') }, same);
    await stats.quarantine({ ref: 'UPP-OLD', reasons: code('date.invalid') }, new Date('2026-02-01T00:00:00Z'));

    const seen: string[] = [];
    let page = await stats.findQuarantined({ limit: 3 });
    const sizes = [page.entries.length];
    seen.push(...page.entries.map((e) => e.ref));
    while (page.next) {
      page = await stats.findQuarantined({ limit: 3, after: page.next });
      sizes.push(page.entries.length);
      seen.push(...page.entries.map((e) => e.ref));
    }
    expect(sizes).toEqual([3, 3, 2]);
    expect(new Set(seen).size).toBe(8);
    expect(seen[7]).toBe('UPP-OLD');

    const dated = await stats.findQuarantined({ limit: 50, reason: 'date.invalid' });
    expect(dated.entries.map((e) => e.ref).sort()).toEqual(['UPP-1', 'UPP-3', 'UPP-5', 'UPP-OLD']);
    const older = await stats.findQuarantined({ limit: 50, olderThan: new Date('2026-02-15T00:00:00Z') });
    expect(older.entries.map((e) => e.ref)).toEqual(['UPP-OLD']);
    const newer = await stats.findQuarantined({ limit: 50, newerThan: new Date('2026-02-15T00:00:00Z'), reason: 'mapping.unknown-unit' });
    expect(newer.entries.map((e) => e.ref).sort()).toEqual(['UPP-0', 'UPP-2', 'UPP-4', 'UPP-6']);
  });

  it('gets and removes an entry by id; the counters stay', async () => {
    const id = await stats.quarantine({ ref: 'UPP-1', version: 2, reasons: [{ code: 'date.invalid', text: 't' }] });
    expect(await stats.getQuarantined(id)).toMatchObject({ id, ref: 'UPP-1', version: 2 });
    expect(await stats.removeQuarantined([id, 'no-such-id'])).toBe(1);
    expect(await stats.getQuarantined(id)).toBeUndefined();
    expect(await stats.listQuarantine()).toEqual([]);
    expect(await stats.read()).toEqual({ quarantined: 1, 'quarantined:date.invalid': 1 });
  });

  it('counts the entries waiting since a time or longer; a requeued one no longer', async () => {
    const t0 = new Date('2026-11-29T10:00:00.000Z');
    const first = await stats.quarantine({ ref: 'UPP-1', reasons: [{ code: 'date.invalid', text: 't' }] }, t0);
    await stats.quarantine({ ref: 'UPP-2', reasons: [{ code: 'date.invalid', text: 't' }] }, new Date(t0.getTime() + 60_000));
    expect(await stats.countQuarantined(new Date(t0.getTime() - 1))).toBe(0);
    expect(await stats.countQuarantined(t0)).toBe(1);
    expect(await stats.countQuarantined(new Date(t0.getTime() + 60_000))).toBe(2);
    await stats.removeQuarantined([first]);
    expect(await stats.countQuarantined(new Date(t0.getTime() + 60_000))).toBe(1);
  });

  it('has an empty list and no counters at first', async () => {
    expect(await stats.listQuarantine()).toEqual([]);
    expect(await stats.read()).toEqual({});
  });
});
