import Redis from 'ioredis';
import { deletePrefix, TEST_REDIS_URL, uniquePrefix } from '@brygga/testing';
import { FlowStatsStore, reasonKind } from './flow-stats.store';
import { kernelKeys } from './kernel-keys';

describe('reasonKind', () => {
  it.each([
    // The mapping's own reason (libs/mapping assignment.mapper).
    ['assignment UPP-2026-0417, Beslut BES-88120, Insats INS-4: unknown intervention code INK (not in the mapping rules; never guessed)', 'unknown intervention code INK (not in the mapping rules; never guessed)'],
    ['assignment UPP-1, Beslut BES-1, Insats INS-1: 9 occasions per period is more than the planning tool accepts (8)', 'N occasions per period is more than the planning tool accepts (N)'],
    // The case system's parse reasons (libs/case-system uppdrag.reader.spec).
    ['Uppdrag/Brukare/Personnummer: check digit does not match (Luhn)', 'check digit does not match (Luhn)'],
    ['Uppdrag/Brukare/Fornamn: must be 1 to 200 characters', 'must be N to N characters'],
    ['Uppdrag/Brukare/Adress/Postnummer: must be NNN NN', 'must be NNN NN'],
    ['Uppdrag/Brukare/Sprak: must be an ISO 639-1 code', 'must be an ISO N-N code'],
    ['Uppdrag/Beslut[BES-88120]/Insats[INS-1]/Schablon/@minuter: must be a whole number of minutes, 1 to 600', 'must be a whole number of minutes, N to N'],
    ['Uppdrag/Beslut[BES-88120]/Insats[INS-1]/Omfattning/Tidpunkt[2]/@namn: must be one of morgon, förmiddag', 'must be one of morgon, förmiddag'],
    ['Uppdrag/Beslut[BES-88120]/Insats/@id: an Insats id occurs twice', 'an Insats id occurs twice'],
    ['Uppdrag: not well-formed XML (InvalidTag at line 3, column 5)', 'not well-formed XML (InvalidTag at line N, column N)'],
    ['Uppdrag/FastOmsorgskontakt: must occur at most 2 times', 'must occur at most N times'],
    // The scheduling system's reasons.
    ['employee TC-9: Shift/@type is not one of DAG, KVÄLL, NATT, DELAD', 'Shift/@type is not one of DAG, KVÄLL, NATT, DELAD'],
    ['no path, only words', 'no path, only words'],
  ])('%s', (reason, kind) => {
    expect(reasonKind(reason)).toBe(kind);
  });

  it('counts the same problem of different interventions together', () => {
    expect(reasonKind("Insats INS-3: unknown intervention code 'XYZ'")).toBe(reasonKind("Insats INS-7: unknown intervention code 'XYZ'"));
    expect(reasonKind("Insats INS-3: unknown intervention code 'XYZ'")).toBe('unknown intervention code');
    const mapped = (id: string, decision: string, ins: string) => `assignment ${id}, Beslut ${decision}, Insats ${ins}: unknown intervention code NYKOD (not in the mapping rules; never guessed)`;
    expect(reasonKind(mapped('UPP-1', 'BES-1', 'INS-3'))).toBe(reasonKind(mapped('UPP-2026-0417', 'BES-88120', 'INS-7')));
  });

  it('leaves no ids or digits, in the middle of a sentence too', () => {
    const kind = reasonKind('Uppdrag: staff E10234 and INS-3. are unknown since 2026-11-23');
    expect(kind).toBe('staff and . are unknown since N-N-N');
    expect(kind).not.toMatch(/\d/);
  });

  it('keeps a kind short', () => {
    expect(reasonKind(`x: ${'word '.repeat(100)}`).length).toBeLessThanOrEqual(80);
  });
});

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

  it('lists quarantined entries newest first and counts them by kind', async () => {
    const unknownCode = (ins: string) => `assignment UPP-1, Beslut BES-1, Insats ${ins}: unknown intervention code 'XYZ'`;
    await stats.quarantine({ ref: 'UPP-1', version: 1, documentId: 'doc-1', reasons: [unknownCode('INS-3'), unknownCode('INS-7')], rulesVersion: 'r1' });
    await stats.quarantine({ ref: 'UPP-2', version: 4, reasons: ['Uppdrag/Brukare/Personnummer: check digit does not match (Luhn)'] });
    await stats.quarantine({ ref: 'UPP-3', reasons: [unknownCode('INS-1')] });

    const list = await stats.listQuarantine();
    expect(list.map((e) => e.ref)).toEqual(['UPP-3', 'UPP-2', 'UPP-1']);
    expect(list[2]).toMatchObject({ ref: 'UPP-1', version: 1, documentId: 'doc-1', rulesVersion: 'r1', reasons: [unknownCode('INS-3'), unknownCode('INS-7')] });
    expect(Number.isNaN(Date.parse(list[0].at))).toBe(false);
    expect(await stats.listQuarantine(2)).toHaveLength(2);

    // Two reasons of one kind in one entry count the entry once.
    expect(await stats.read()).toEqual({
      quarantined: 3,
      'quarantined:unknown intervention code': 2,
      'quarantined:check digit does not match (Luhn)': 1,
    });
  });

  it('has an empty list and no counters at first', async () => {
    expect(await stats.listQuarantine()).toEqual([]);
    expect(await stats.read()).toEqual({});
  });
});
