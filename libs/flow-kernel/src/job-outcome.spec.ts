import { DelayedError, Job, UnrecoverableError } from 'bullmq';
import { PermanentFailure, TenantUnavailable } from '@brygga/domain';
import { comeBackLater, failPermanentlyOn, failureReasonOf, waitOutUnavailableTenant } from './job-outcome';

class Refused extends PermanentFailure {
  readonly reasonCode = 'test-refused';
}

describe('job outcomes of the flow kernel', () => {
  it('a permanent failure fails the job at once, counted, with its message', async () => {
    const counted: string[] = [];
    const run = failPermanentlyOn(async () => Promise.reject(new Refused('planning tool answered 400')), async (f) => void counted.push(f.reasonCode));
    await expect(run).rejects.toBeInstanceOf(UnrecoverableError);
    await expect(failPermanentlyOn(async () => Promise.reject(new Refused('x 400')), async () => undefined)).rejects.toThrow('x 400');
    expect(counted).toEqual(['test-refused']);
    await expect(failPermanentlyOn(async () => Promise.reject(new Refused('x 400')), async () => undefined)).rejects.toThrow(/^\[test-refused\] x 400$/);
  });

  it.each([
    ['[planning-refused] planning tool answered 400 to /x: Bad', 1, { code: 'planning-refused', text: 'planning tool answered 400 to /x: Bad' }],
    ['job stalled more than allowable limit', 1, { code: 'transient.stalled', text: 'job stalled more than allowable limit' }],
    ['connect ECONNREFUSED', 10, { code: 'transient.exhausted', text: 'connect ECONNREFUSED' }],
    ['assignment.apply payload version 2 is not known to this worker', 1, { code: 'unknown', text: 'assignment.apply payload version 2 is not known to this worker' }],
    ['[Not A Code] x', 1, { code: 'unknown', text: '[Not A Code] x' }],
  ])('reads the reason code of %s', (reason, attemptsMade, expected) => {
    expect(failureReasonOf(reason, attemptsMade, 10)).toEqual(expected);
  });

  it('anything else is rethrown as it was, for the queue to retry; a value passes through', async () => {
    const transient = new Error('ECONNRESET');
    await expect(failPermanentlyOn(async () => Promise.reject(transient), async () => undefined)).rejects.toBe(transient);
    expect(await failPermanentlyOn(async () => 42, async () => undefined)).toBe(42);
  });

  it('come back later: the job is delayed by about the retry time, and no attempt is spent', async () => {
    const delays: Array<[number, string | undefined]> = [];
    const job = { moveToDelayed: async (at: number, token?: string) => void delays.push([at, token]) } as unknown as Job;
    const before = Date.now();
    await expect(comeBackLater(job, 'tok', 200)).rejects.toBeInstanceOf(DelayedError);
    expect(delays[0][1]).toBe('tok');
    expect(delays[0][0] - before).toBeGreaterThanOrEqual(200);
    expect(delays[0][0] - before).toBeLessThan(200 + 200 + 1000);
  });
});

describe('waiting out an unavailable tenant', () => {
  it('delays the job to the time the tenant takes writes again, plus a little, spending no attempt', async () => {
    const delays: Array<[number, string | undefined]> = [];
    const job = { moveToDelayed: async (at: number, token?: string) => void delays.push([at, token]) } as unknown as Job;
    const until = new Date(Date.now() + 60_000);
    await expect(waitOutUnavailableTenant(job, 'tok', async () => Promise.reject(new TenantUnavailable('omsorgshuset', until, 'maintenance')))).rejects.toBeInstanceOf(DelayedError);
    expect(delays[0][1]).toBe('tok');
    expect(delays[0][0]).toBeGreaterThanOrEqual(until.getTime() - 1_000);
    expect(delays[0][0]).toBeLessThanOrEqual(until.getTime() + 5_000);
  });

  it('a long window is waited out a minute at a time (a window ended early lets the writes go within that)', async () => {
    const delays: number[] = [];
    const job = { moveToDelayed: async (at: number) => void delays.push(at) } as unknown as Job;
    const before = Date.now();
    await expect(waitOutUnavailableTenant(job, undefined, async () => Promise.reject(new TenantUnavailable('omsorgshuset', new Date(before + 3_600_000), 'maintenance')))).rejects.toBeInstanceOf(DelayedError);
    expect(delays[0] - before).toBeGreaterThanOrEqual(60_000);
    expect(delays[0] - before).toBeLessThanOrEqual(60_000 + 5_000 + 1_000);
  });

  it('anything else passes through as it was: a value, a failure', async () => {
    const job = { moveToDelayed: async () => Promise.reject(new Error('must not be called')) } as unknown as Job;
    expect(await waitOutUnavailableTenant(job, undefined, async () => 7)).toBe(7);
    const failure = new Error('ECONNRESET');
    await expect(waitOutUnavailableTenant(job, undefined, async () => Promise.reject(failure))).rejects.toBe(failure);
  });
});
