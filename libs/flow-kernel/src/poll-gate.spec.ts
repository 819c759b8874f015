import { UnrecoverableError } from 'bullmq';
import Redis from 'ioredis';
import { PermanentFailure } from '@brygga/domain';
import { deletePrefix, TEST_REDIS_URL, uniquePrefix } from '@brygga/testing';
import { PollGate, type PollReport } from './poll-gate';
import { kernelKeys } from './kernel-keys';

interface Polled extends PollReport {
  polled: number;
}

describe('PollGate (real Redis)', () => {
  let redis: Redis;
  let prefix: string;

  beforeEach(() => {
    redis = new Redis(TEST_REDIS_URL);
    prefix = uniquePrefix('poll-gate');
  });
  afterEach(async () => {
    await deletePrefix(redis, prefix);
    redis.disconnect();
  });

  it('lets one poller run at a time, and the next after it', async () => {
    const gate = new PollGate(redis, kernelKeys(prefix), 'feed');
    let release!: () => void;
    const first = gate.run(() => new Promise<string>((r) => (release = () => r('first'))));
    await new Promise((r) => setTimeout(r, 50));
    expect(await gate.run(async () => 'second')).toEqual({ ran: false });
    release();
    expect(await first).toEqual({ ran: true, value: 'first' });
    expect(await gate.run(async () => 'third')).toEqual({ ran: true, value: 'third' });
  });

  it('releases the lock when the poll throws', async () => {
    const gate = new PollGate(redis, kernelKeys(prefix), 'feed');
    await expect(gate.run(async () => Promise.reject(new Error('peer down')))).rejects.toThrow('peer down');
    expect(await gate.run(async () => 1)).toEqual({ ran: true, value: 1 });
  });

  it('does not poll before the not-before time the peer asked for', async () => {
    const gate = new PollGate(redis, kernelKeys(prefix), 'feed');
    await gate.waitFor(60_000);
    const outcome = await gate.run(async () => 'polled');
    expect(outcome.ran).toBe(false);
    expect(outcome.ran === false && outcome.waitingMs).toBeGreaterThan(50_000);
    // Another poller's gate is independent.
    expect(await new PollGate(redis, kernelKeys(prefix), 'schedules').run(async () => 'ok')).toEqual({ ran: true, value: 'ok' });
  });

  it('a poll that outlived its lock never frees the lock of the poller that took it over', async () => {
    const keys = kernelKeys(prefix);
    const gate = new PollGate(redis, keys, 'feed');
    await gate.run(async () => {
      // As if our lock expired mid-poll and another poller took it.
      await redis.set(keys.lock('feed'), 'the next poller');
    });
    expect(await redis.get(keys.lock('feed'))).toBe('the next poller');
    expect(await gate.run(async () => 'x')).toEqual({ ran: false });
  });

  it('a poll held back reports its idle counts and the wait; a refused token fails it at once, counted', async () => {
    const gate = new PollGate(redis, kernelKeys(prefix), 'feed');
    const refused = jest.fn(async () => undefined);
    const polled = async (): Promise<Polled> => ({ polled: 1 });
    expect(await gate.poll(polled, () => ({ polled: 0 }), refused)).toEqual({ polled: 1 });
    expect(await gate.waitOn({ status: 429, retryAfterMs: 30_000 }, { log: jest.fn(), warn: jest.fn(), error: jest.fn() }, 'peer')).toBe(30_000);
    const held = await gate.poll(polled, () => ({ polled: 0 }), refused);
    expect(held.polled).toBe(0);
    expect(held.waiting).toBeGreaterThan(25_000);
    await redis.del(kernelKeys(prefix).notBefore('feed'));
    class Refused extends PermanentFailure {
      readonly reasonCode = 'refused';
    }
    await expect(gate.poll((): Promise<Polled> => Promise.reject(new Refused('token refused')), () => ({ polled: 0 }), refused)).rejects.toThrow(UnrecoverableError);
    expect(refused).toHaveBeenCalledTimes(1);
  });

  it('keeps its own cursor, 0 before the first page', async () => {
    const gate = new PollGate(redis, kernelKeys(prefix), 'feed');
    expect(await gate.cursor()).toBe(0);
    await gate.advance(42);
    expect(await gate.cursor()).toBe(42);
    expect(await redis.get(kernelKeys(prefix).cursor('feed'))).toBe('42');
    expect(await new PollGate(redis, kernelKeys(prefix), 'schedules').cursor()).toBe(0);
  });
});
