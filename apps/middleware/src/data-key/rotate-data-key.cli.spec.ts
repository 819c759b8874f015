import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import Redis from 'ioredis';
import { DataSealer, DEMO_DATA_KEY, parseDataKeys } from '@brygga/data-seal';
import { deletePrefix, TEST_REDIS_URL, uniquePrefix } from '@brygga/testing';

const MAIN = join(__dirname, 'rotate-data-key.main.ts');
const NEW_KEY = `k2:${randomBytes(32).toString('base64')}`;
const demo = new DataSealer(parseDataKeys(DEMO_DATA_KEY, 'demo', false));
const both = new DataSealer(parseDataKeys(`${NEW_KEY},${DEMO_DATA_KEY}`, 'DATA_ENCRYPTION_KEY', false));
const onlyNew = new DataSealer(parseDataKeys(NEW_KEY, 'DATA_ENCRYPTION_KEY', false));

/** The command as an operator runs it: its own process (tsx), the middleware's environment. */
function rotate(env: NodeJS.ProcessEnv): Promise<{ code: number; out: string; err: string }> {
  return new Promise((resolve) => {
    execFile(join(process.cwd(), 'node_modules/.bin/tsx'), [MAIN], { env: { PATH: process.env.PATH, REDIS_URL: TEST_REDIS_URL, ...env }, timeout: 120_000 }, (error, out, err) =>
      resolve({ code: error ? Number((error as NodeJS.ErrnoException & { code?: number }).code ?? 1) : 0, out, err }),
    );
  });
}

describe('npm run rotate-data-key (real Redis, its own process)', () => {
  const redis = new Redis(TEST_REDIS_URL);
  let prefix: string;
  beforeEach(() => {
    prefix = uniquePrefix('rotate-cli');
  });
  afterEach(() => deletePrefix(redis, prefix));
  afterAll(() => redis.quit());

  it('re-seals every sealed place under the new first key while a worker writes; prints counts, never a value', async () => {
    const data = `${prefix}:data`;
    const N = 300;
    const last = new Map<string, string>();
    const multi = redis.multi();
    for (let i = 0; i < N; i++) {
      multi.set(`${data}:asgv:UPP-${i}:1`, demo.sealJson({ name: `Person-${i}` }));
      multi.hset(`${data}:cust:kommunen:C-${i % 30}`, `UPP-${i}`, demo.sealJson({ name: `Person-${i}` }));
      last.set(`UPP-${i}`, `Person-${i}`);
    }
    multi.set(`${data}:doc:legacy`, '<Uppdragsexport>Märta in clear</Uppdragsexport>');
    multi.hset(`${data}:sched:staff:kommunen`, 'E1', JSON.stringify({ name: 'Staffan in clear' }));
    multi.hset(`${data}:sched:contrib:kommunen:E1`, '2026-11-23|NORR-1', demo.sealJson({ shifts: [] }));
    multi.hset(`${data}:asg:UPP-1`, 'latestSeen', '1');
    await multi.exec();

    let writing = true;
    const writer = (async () => {
      const conn = new Redis(TEST_REDIS_URL);
      // Every tenth assignment, over and over: the others stay as they were, under the demo key, for the rotation to re-seal.
      for (let round = 1; writing; round++) {
        const i = ((round * 37) % (N / 10)) * 10;
        const name = `Person-${i}-v${round}`;
        await conn.multi().set(`${data}:asgv:UPP-${i}:1`, both.sealJson({ name })).hset(`${data}:cust:kommunen:C-${i % 30}`, `UPP-${i}`, both.sealJson({ name })).exec();
        last.set(`UPP-${i}`, name);
      }
      conn.disconnect();
    })();
    const run = await rotate({ QUEUE_PREFIX: prefix, DATA_ENCRYPTION_KEY: `${NEW_KEY},${DEMO_DATA_KEY}` });
    writing = false;
    await writer;

    expect(run.err).toBe('');
    expect([0, 3]).toContain(run.code);
    expect(run.out).toMatch(/rotating data under .*:data: to key "k2"/);
    expect(run.out).toMatch(/keys with sealed values: 333 \(/);
    for (const place of ['assignment versions 300', 'customers 30', 'raw documents 1', 'staff sent 1', 'roster parts 1']) expect(run.out).toContain(place);
    expect(run.out).toMatch(/values scanned: 603/);
    expect(run.out).toMatch(/clear values sealed: 2/);
    const count = (label: string) => Number(new RegExp(`${label}[^:]*: (\\d+)`).exec(run.out)?.[1]);
    expect(count('re-sealed under the current key')).toBeGreaterThanOrEqual(2 * (N - N / 10) + 1);
    expect(count('re-sealed under the current key') + count('already under the current key') + count('changed by a concurrent write')).toBe(601);
    expect(run.out).not.toMatch(/Person|Märta|Staffan|UPP-|C-\d/);
    if (run.code === 0) expect(run.out).toMatch(/concurrent write.*: 0/);

    for (let i = 0; i < N; i++) {
      expect(onlyNew.openJson(await redis.getBuffer(`${data}:asgv:UPP-${i}:1`) as Buffer)).toEqual({ name: last.get(`UPP-${i}`) });
      expect(onlyNew.openJson(await redis.hgetBuffer(`${data}:cust:kommunen:C-${i % 30}`, `UPP-${i}`) as Buffer)).toEqual({ name: last.get(`UPP-${i}`) });
    }
    expect(onlyNew.openText(await redis.getBuffer(`${data}:doc:legacy`) as Buffer)).toBe('<Uppdragsexport>Märta in clear</Uppdragsexport>');
    expect(onlyNew.openJson(await redis.hgetBuffer(`${data}:sched:staff:kommunen`, 'E1') as Buffer)).toEqual({ name: 'Staffan in clear' });
    expect(await redis.hget(`${data}:asg:UPP-1`, 'latestSeen')).toBe('1');
  }, 180_000);

  it('a malformed key, or the demo key in production: exit 1 naming the variable, nothing touched', async () => {
    await redis.set(`${prefix}:data:doc:x`, 'clear');
    const bad = await rotate({ QUEUE_PREFIX: prefix, DATA_ENCRYPTION_KEY: 'k1:not-a-key' });
    expect(bad.code).toBe(1);
    expect(bad.err).toMatch(/DATA_ENCRYPTION_KEY: entry 1 \(id k1\): the key must be 32 bytes/);
    expect(bad.err).not.toContain('not-a-key');
    const secrets = { CUSTOMER_ID_KEY: 'k'.repeat(20), CASE_SYSTEM_INBOUND_TOKEN: 'a'.repeat(20), CASE_SYSTEM_TOKEN: 'b'.repeat(20), SCHEDULING_SYSTEM_INBOUND_TOKEN: 'c'.repeat(20), SCHEDULING_SYSTEM_TOKEN: 'd'.repeat(20) };
    const production = await rotate({ QUEUE_PREFIX: prefix, NODE_ENV: 'production', ...secrets });
    expect(production.code).toBe(1);
    expect(production.err).toMatch(/^Invalid configuration:\n {2}- DATA_ENCRYPTION_KEY: neither it nor DATA_ENCRYPTION_KEY_FILE is set/);
    expect(await redis.get(`${prefix}:data:doc:x`)).toBe('clear');
  }, 120_000);
});
