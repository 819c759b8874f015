import Redis from 'ioredis';
import { redisOptionsFromUrl } from '@brygga/config';
import { eventually, launchRedisServer, type RedisServerProcess, TEST_REDIS_URL } from '@brygga/testing';
import { createRedis } from './redis-connection';

/**
 * The READONLY reconnect and the sentinel lookup against real redis-server processes of the
 * test's own (a master, its replica and one sentinel), not the shared Redis: the test turns
 * a replica into a master and back.
 */
describe('createRedis against a real master, replica and sentinel', () => {
  let master: RedisServerProcess;
  let replica: RedisServerProcess;
  let sentinel: RedisServerProcess;
  let admin: Redis;
  const clients: Redis[] = [];
  const track = (client: Redis): Redis => {
    clients.push(client);
    return client;
  };

  beforeAll(async () => {
    master = await launchRedisServer({ args: ['--save', '', '--appendonly', 'no', '--repl-diskless-sync-delay', '0'] });
    replica = await launchRedisServer({ args: ['--save', '', '--appendonly', 'no'] });
    sentinel = await launchRedisServer({ sentinelConf: [`sentinel monitor brygga-test 127.0.0.1 ${master.port} 1`, 'sentinel down-after-milliseconds brygga-test 60000'] });
    admin = new Redis(replica.url, { maxRetriesPerRequest: 3 });
  }, 60_000);

  beforeEach(async () => {
    await admin.call('REPLICAOF', '127.0.0.1', String(master.port));
    await eventually(async () => ((await admin.info('replication')).includes('master_link_status:up') ? true : undefined), 'the replica to follow the master', 30_000);
  }, 60_000);

  afterEach(() => {
    for (const client of clients.splice(0)) client.disconnect();
  });

  afterAll(async () => {
    admin?.disconnect();
    await Promise.all([sentinel, replica, master].map((s) => s?.stop()));
  }, 60_000);

  it('a write answered READONLY (a replica, as a demoted master is) reconnects and is sent again, on the connection and on its duplicates (the workers\'), landing once the node is the master', async () => {
    const client = track(createRedis(replica.url, 'brygga-test'));
    const duplicate = track(client.duplicate());
    let reconnects = 0;
    client.on('reconnecting', () => (reconnects += 1));
    duplicate.on('reconnecting', () => (reconnects += 1));
    const writes = Promise.all([client.set('readonly-test:a', 'kept'), duplicate.set('readonly-test:b', 'kept too')]);
    let settled = false;
    void writes.finally(() => (settled = true)).catch(() => undefined);
    await eventually(async () => (reconnects >= 2 ? true : undefined), 'both connections to reconnect on READONLY', 20_000, 20);
    expect(settled).toBe(false);
    await admin.call('REPLICAOF', 'NO', 'ONE');
    await expect(writes).resolves.toEqual(['OK', 'OK']);
    expect(await admin.mget('readonly-test:a', 'readonly-test:b')).toEqual(['kept', 'kept too']);
  }, 60_000);

  it('without the READONLY reconnect the same write fails (what the option is there for)', async () => {
    const plain = track(new Redis({ ...redisOptionsFromUrl(replica.url), reconnectOnError: undefined }));
    await expect(plain.set('readonly-test:c', 'lost')).rejects.toThrow(/^READONLY/);
  });

  it('with sentinels, connects to the master the sentinel names, whatever host REDIS_URL gives', async () => {
    const client = track(createRedis({ url: replica.url, sentinel: { sentinels: [{ host: '127.0.0.1', port: sentinel.port }], name: 'brygga-test' } }, 'brygga-test'));
    await client.set('sentinel-test:a', 'on the master');
    const onMaster = track(new Redis(master.url, { maxRetriesPerRequest: 3 }));
    expect(await onMaster.get('sentinel-test:a')).toBe('on the master');
    expect(await client.info('server')).toContain(`tcp_port:${master.port}`);
  });
});

/**
 * ioredis ends a connection for good when it is told to reconnect while it is still
 * connecting (what a Sentinel failover does to it); createRedis's connections connect again.
 */
describe('createRedis: a connect that fails while nobody closed the connection (real Redis)', () => {
  const clients: Redis[] = [];
  const track = <T extends Redis>(client: T): T => {
    clients.push(client);
    return client;
  };
  afterEach(() => {
    for (const client of clients.splice(0)) client.disconnect();
  });

  /** Tells a connection that is still connecting (a new one connects at once) to reconnect; counts its `end`s. */
  function reconnectWhileConnecting(client: Redis): { ends: number } {
    const seen = { ends: 0 };
    client.on('error', () => undefined);
    client.on('end', () => (seen.ends += 1));
    expect(client.status).toBe('connecting');
    client.disconnect(true);
    return seen;
  }

  it('ioredis alone ends it for good (what the revival is for)', async () => {
    const plain = track(new Redis({ ...redisOptionsFromUrl(TEST_REDIS_URL), maxRetriesPerRequest: null }));
    const seen = reconnectWhileConnecting(plain);
    await new Promise((resolve) => setTimeout(resolve, 1000));
    expect([plain.status, seen.ends]).toEqual(['end', 1]);
    await expect(plain.ping()).rejects.toThrow('Connection is closed.');
  });

  it('a connection and its duplicate connect again and answer', async () => {
    const client = track(createRedis(TEST_REDIS_URL, 'brygga-test'));
    const clientSeen = reconnectWhileConnecting(client);
    const duplicate = track(client.duplicate());
    const duplicateSeen = reconnectWhileConnecting(duplicate);
    for (const c of [client, duplicate]) {
      await eventually(async () => ((await c.ping().catch(() => undefined)) === 'PONG' ? true : undefined), 'the connection to answer again', 10_000, 50);
    }
    // Each did end first: the case was met, not missed.
    expect([clientSeen.ends, duplicateSeen.ends]).toEqual([1, 1]);
  });

  it('one its owner closed stays closed: after a close, during a connect, and while it waited to connect again', async () => {
    const closed = track(createRedis(TEST_REDIS_URL, 'brygga-test'));
    await eventually(async () => (closed.status === 'ready' ? true : undefined), 'the connection to be ready', 10_000, 10);
    closed.disconnect();
    const closedWhileConnecting = track(createRedis(TEST_REDIS_URL, 'brygga-test'));
    closedWhileConnecting.on('error', () => undefined);
    closedWhileConnecting.disconnect();
    // Ended by the race, then closed by its owner before it connected again.
    const closedWhileWaiting = track(createRedis(TEST_REDIS_URL, 'brygga-test'));
    reconnectWhileConnecting(closedWhileWaiting);
    await new Promise((resolve) => closedWhileWaiting.once('end', resolve));
    closedWhileWaiting.disconnect();
    await new Promise((resolve) => setTimeout(resolve, 1000));
    expect([closed.status, closedWhileConnecting.status, closedWhileWaiting.status]).toEqual(['end', 'end', 'end']);
  });
});
