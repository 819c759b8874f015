import type { Assignment } from '@brygga/domain';
import { CaseFeedClient, parseUppdragsexport } from '@brygga/case-system';
import { loadMappingRules } from '@brygga/config';
import { DataSealer, DEMO_DATA_KEY, parseDataKeys, readDataKeyRing, rotateDataKey } from '@brygga/data-seal';
import { checkPlanningMatchesCaseSystem } from '../apps/demo/src/planning-consistency.check';
import { drained, eventually, flowCounters, harnessPerSpecFile, TOKENS } from './support/e2e-harness';
import { clientTerms, hitSummary, scanForPersonalData, staffTerms, type Term } from './support/personal-data.scanner';
import { SEALED_PLACES } from '../apps/middleware/src/data-key/sealed-places';

const rules = loadMappingRules('config/mapping-rules.yaml');
const NEW_KEY = `k2:${Buffer.alloc(32, 7).toString('base64')}`;
const rotating = new DataSealer(parseDataKeys(`${NEW_KEY},${DEMO_DATA_KEY}`, 'DATA_ENCRYPTION_KEY', false));
const newKeyOnly = new DataSealer(parseDataKeys(NEW_KEY, 'DATA_ENCRYPTION_KEY', false));
const stockholmToday = () => new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Stockholm' }).format(new Date());

/** Every version of every assignment the case system published (a churned client's earlier address is personal data too). */
async function everyVersion(caseSystem: string): Promise<Assignment[]> {
  const feed = new CaseFeedClient(caseSystem, TOKENS.caseFeed);
  const all: Assignment[] = [];
  for (let after = 0; ; ) {
    const page = await feed.fetch(after, 5000);
    if (page.kind === 'wait') continue;
    const { header, results } = parseUppdragsexport(page.body);
    for (const r of results) if (r.ok) all.push(r.assignment);
    if (results.length === 0 || header.sekvens <= after) return all;
    after = header.sekvens;
  }
}

/**
 * A copy of Redis reveals no one: after a generated sync of both flows with churn, no key
 * and no value under the prefix holds a name, identity number, street, door code or phone
 * number of the generated people, in any type of key; and a rotation re-seals it all.
 */
describe('personal data sealed at rest (real middleware, Redis and simulators)', () => {
  const h = harnessPerSpecFile({ CASE_SYSTEM_POLL_SECONDS: '1', WORKER_CONCURRENCY: '16' });
  const sealer = new DataSealer(readDataKeyRing({}));

  async function settled(what: string, expected: () => Promise<boolean>): Promise<void> {
    await eventually(async () => {
      await drained(h);
      return (await expected()) ? true : undefined;
    }, what, 180_000);
  }

  it('after a 300-client sync with churn and two roster publishes: zero hits in every key and value; rotated while churn lands, then the old key dropped', async () => {
    await h.http.delete(`${h.caseSystem}/_sim`);
    await h.http.delete(`${h.schedulingSystem}/_sim`);
    const generated = (await h.http.post(`${h.caseSystem}/_sim/generate`, { clients: 300, seed: 11 })).data;
    await settled('the first sync', async () => (await lastSeen()) >= generated.sekvens);
    for (let round = 0; round < 3; round++) await h.http.post(`${h.caseSystem}/_sim/churn`, { changes: 40, seed: 200 + round });
    const sekvens = (await h.http.get(`${h.caseSystem}/_sim/stats`)).data.sekvens as number;
    await settled('the churn', async () => (await lastSeen()) >= sekvens);
    expect((await flowCounters(h, 'interventions')).failed ?? 0).toBe(0);

    expect((await h.http.post(`${h.schedulingSystem}/_sim/generate`, { seed: 3, from: stockholmToday(), days: 14 })).status).toBeLessThan(300);
    for (let publish = 0; publish < 2; publish++) {
      const published = (await h.http.post(`${h.schedulingSystem}/_sim/publish`, { url: `${h.middleware}/inbound/scheduling-system`, token: TOKENS.scheduleInbound })).data.published as Array<{ status: number }>;
      expect(published.every((p) => p.status === 202)).toBe(true);
      await drained(h);
    }
    const staff = (await h.http.get(`${h.planningTool}/_sim/kommunen/state`)).data.staff as Array<{ firstName?: string; lastName?: string }>;
    expect(staff.length).toBeGreaterThan(10);

    const versions = await everyVersion(h.caseSystem);
    expect(versions.length).toBeGreaterThan(300);
    const terms: Term[] = [...clientTerms(versions), ...staffTerms(staff)];
    expect(terms.filter((t) => t.kind === 'door code').length).toBeGreaterThan(50);

    await plantedValuesAreFound(terms);

    const scan = await scanForPersonalData(h.redis, h.prefix, terms, sealer);
    expect(scan.keys).toBeGreaterThan(500);
    expect({ keys: scan.keys, keysWithPersonalData: new Set(scan.hits.map((x) => x.key)).size, where: hitSummary(scan.hits, h.prefix) }).toEqual({ keys: scan.keys, keysWithPersonalData: 0, where: {} });
    expect(scan.sealed).toBeGreaterThan(300);
    expect(scan.unopened).toBe(0);

    // The rotation procedure while the service runs. 1: every process holds the new key first (the old one still opens).
    await h.startMiddleware({ DATA_ENCRYPTION_KEY: `${NEW_KEY},${DEMO_DATA_KEY}` });
    // 2: re-seal everything while the service applies a round of churn.
    await h.http.post(`${h.caseSystem}/_sim/churn`, { changes: 40, seed: 300 });
    const counts = await rotateDataKey(h.redis, rotating, h.prefix, SEALED_PLACES);
    expect(counts.resealed).toBeGreaterThan(300);
    expect(counts.clearSealed).toBe(0);
    await settled('the churn during the rotation', async () => (await lastSeen()) >= ((await h.http.get(`${h.caseSystem}/_sim/stats`)).data.sekvens as number));
    const again = await rotateDataKey(h.redis, rotating, h.prefix, SEALED_PLACES);
    expect(again).toMatchObject({ resealed: 0, clearSealed: 0, alreadyCurrent: again.scanned - again.leftToWriter });
    // 3: the old key dropped. The service reads what it sealed and what was re-sealed: a round of churn lands exactly.
    await h.startMiddleware({ DATA_ENCRYPTION_KEY: NEW_KEY });
    await h.http.post(`${h.caseSystem}/_sim/churn`, { changes: 40, seed: 301 });
    await eventually(
      async () => {
        await drained(h);
        return (await checkPlanningMatchesCaseSystem(h, TOKENS.caseFeed, rules, stockholmToday())).differences.length === 0 ? true : undefined;
      },
      'the planning tool to match the case system under the new key alone',
      180_000,
    );
    expect((await flowCounters(h, 'interventions')).failed ?? 0).toBe(0);
    const afterRotation = await scanForPersonalData(h.redis, h.prefix, terms, newKeyOnly);
    expect({ hits: afterRotation.hits, unopened: afterRotation.unopened }).toEqual({ hits: [], unopened: 0 });
    expect(afterRotation.sealed).toBeGreaterThan(300);
  }, 600_000);

  async function lastSeen(): Promise<number> {
    const cursor = await h.redis.get(`${h.prefix}:data:cursor:case-feed`);
    return Number(cursor ?? 0);
  }

  /** The scanner can fail: a planted clear value of each type holding a generated term is found, and gone once removed. */
  async function plantedValuesAreFound(terms: readonly Term[]): Promise<void> {
    const sample = (kind: Term['kind']) => {
      const t = terms.find((x) => x.kind === kind);
      if (!t) throw new Error(`no ${kind} generated`);
      return t.pattern.source.replace(/\(\?<?[!=][^)]*\)/g, '').replace(/\\/g, '').replace(/^\[>"\]|\[<"\]$/g, '');
    };
    const base = `${h.prefix}:planted`;
    await h.redis.set(`${base}:string`, JSON.stringify({ n: sample('name') }));
    await h.redis.hset(`${base}:hash`, 'f', `x ${sample('identity number')} y`);
    await h.redis.rpush(`${base}:list`, `<Portkod>${sample('door code')}</Portkod>`);
    await h.redis.sadd(`${base}:set`, sample('street'));
    await h.redis.zadd(`${base}:zset`, 1, sample('phone'));
    await h.redis.xadd(`${base}:stream`, '*', 'who', sample('name'));
    const planted = await scanForPersonalData(h.redis, base, terms, sealer);
    expect(planted.hits.map((x) => x.key.slice(base.length + 1)).sort()).toEqual(['hash', 'list', 'set', 'stream', 'string', 'zset']);
    await h.redis.del(...['string', 'hash', 'list', 'set', 'zset', 'stream'].map((t) => `${base}:${t}`));
  }
});
