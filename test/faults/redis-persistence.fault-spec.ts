import { createHash, randomBytes } from 'node:crypto';
import { startMiddlewareProcess, type CapturedProcess, parseLine } from '../support/captured-processes';
import { http } from './support/fault-stack';
import { type OwnRedis, startOwnRedis } from './support/own-redis';

const secret = () => randomBytes(18).toString('base64url');

/** Everything a production boot wants of its own (no documented demo value), on the given Redis. */
function productionEnv(redisUrl: string): NodeJS.ProcessEnv {
  return {
    NODE_ENV: 'production',
    ROLE: 'api',
    REDIS_URL: redisUrl,
    QUEUE_PREFIX: `faults-persistence-${secret().slice(0, 6).replace(/[^A-Za-z0-9]/g, 'x')}`,
    CUSTOMER_ID_KEY: secret(),
    DATA_ENCRYPTION_KEY: `k1:${randomBytes(32).toString('base64')}`,
    ADMIN_TOKENS: JSON.stringify([{ name: 'ops', role: 'viewer', hash: `sha256:${createHash('sha256').update(secret()).digest('hex')}` }]),
    CASE_SYSTEM_INBOUND_TOKEN: secret(),
    CASE_SYSTEM_TOKEN: secret(),
    SCHEDULING_SYSTEM_INBOUND_TOKEN: secret(),
    SCHEDULING_SYSTEM_TOKEN: secret(),
    PLANNING_TOKEN_KOMMUNEN: secret(),
    PLANNING_TOKEN_OMSORGSHUSET: secret(),
    CASE_SYSTEM_POLL_SECONDS: '0',
    SCHEDULING_POLL_SECONDS: '0',
  };
}

function main(): string {
  const compiled = process.env.BRYGGA_FAULTS_MAIN;
  if (!compiled) throw new Error('BRYGGA_FAULTS_MAIN is not set: run with `npm run test:faults`');
  return compiled;
}

/** "Nothing lost" needs a Redis that keeps what it acknowledged: the boot reads its persistence. */
describe('fault: Redis without persistence (the boot check, real redis-server processes)', () => {
  const servers: OwnRedis[] = [];
  const processes: CapturedProcess[] = [];
  afterAll(async () => {
    await Promise.all(processes.map((p) => p.stop()));
    await Promise.all(servers.map((s) => s.stop()));
  }, 120_000);

  async function redis(args: string[]): Promise<OwnRedis> {
    const server = await startOwnRedis(args);
    servers.push(server);
    return server;
  }

  async function boot(name: string, env: NodeJS.ProcessEnv): Promise<CapturedProcess> {
    const p = await startMiddlewareProcess(name, main(), env);
    processes.push(p);
    return p;
  }

  const persistenceOf = async (p: CapturedProcess) => (await http.get(`${p.url}/health/ready`)).data?.info?.redis?.persistence ?? (await http.get(`${p.url}/health/ready`)).data?.error?.redis?.persistence;
  const warnings = (p: CapturedProcess) => p.lines.map(parseLine).filter((l) => l?.level === 'warn' && l.context === 'Redis').map((l) => String(l?.msg));

  it('neither AOF nor snapshots: a production boot refuses, naming REDIS_PERSISTENCE=none-accepted; with it, the boot warns and /health/ready says none', async () => {
    const none = await redis(['--appendonly', 'no', '--save', '']);
    await expect(boot('refused', productionEnv(none.url))).rejects.toThrow(/REDIS_PERSISTENCE=none-accepted/);
    const accepted = await boot('accepted', { ...productionEnv(none.url), REDIS_PERSISTENCE: 'none-accepted' });
    expect(await persistenceOf(accepted)).toBe('none');
    expect(warnings(accepted).join('\n')).toMatch(/neither an append-only file nor snapshots.*accepted by REDIS_PERSISTENCE=none-accepted/);
  });

  it('the same Redis under NODE_ENV=test (as CI runs it): starts, warns loudly', async () => {
    const none = await redis(['--appendonly', 'no', '--save', '']);
    const test = await boot('test', { ...productionEnv(none.url), NODE_ENV: 'test' });
    expect(await persistenceOf(test)).toBe('none');
    expect(warnings(test).join('\n')).toMatch(/a production boot refuses it unless REDIS_PERSISTENCE=none-accepted/);
  });

  it('AOF on: a production boot starts quietly and /health/ready says aof', async () => {
    const aof = await redis(['--appendonly', 'yes', '--appendfsync', 'everysec', '--save', '']);
    const p = await boot('aof', productionEnv(aof.url));
    expect(await persistenceOf(p)).toBe('aof');
    expect(warnings(p)).toEqual([]);
  });

  it('CONFIG disabled (renamed away, as some managed Redis do): unknown, a warning that says so, no refusal', async () => {
    const hidden = await redis(['--appendonly', 'no', '--save', '', '--rename-command', 'CONFIG', '']);
    const p = await boot('hidden', productionEnv(hidden.url));
    expect(await persistenceOf(p)).toBe('unknown');
    expect(warnings(p).join('\n')).toMatch(/refused CONFIG GET .*persistence is unknown/);
  });
});
