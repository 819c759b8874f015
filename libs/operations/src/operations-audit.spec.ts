import { ConflictException, NotFoundException } from '@nestjs/common';
import { OperationsAudit } from './operations-audit';
import { OPERATOR, type OperationsRig, operationsRig } from './operations.test-harness';

describe('OperationsAudit (real Redis)', () => {
  let rig: OperationsRig;
  let audit: OperationsAudit;

  beforeEach(async () => {
    rig = await operationsRig('operations-audit');
    audit = new OperationsAudit(rig.audit);
  });
  afterEach(async () => rig.close());

  const entries = async () => (await rig.audit.list()).entries.map((e) => [e.action, e.target, e.outcome]);

  it('records a success with its outcome and hands the result back', async () => {
    expect(await audit.record(OPERATOR, 'rules.reload', undefined, async () => ({ outcome: 'unchanged' }), (r) => r.outcome)).toEqual({ outcome: 'unchanged' });
    expect(await audit.record(OPERATOR, 'queue.pause', 'assignments', async () => 1)).toBe(1);
    expect(await entries()).toEqual([
      ['queue.pause', 'assignments', 'ok'],
      ['rules.reload', undefined, 'unchanged'],
    ]);
  });

  it('records a failure by its kind and rethrows it as it was', async () => {
    const missing = new NotFoundException('no failed job x');
    await expect(audit.record(OPERATOR, 'jobs.redrive', 'assignments/x', async () => Promise.reject(missing))).rejects.toBe(missing);
    await expect(audit.record(OPERATOR, 'jobs.discard', 'assignments/x', async () => Promise.reject(new ConflictException('twice')))).rejects.toBeInstanceOf(ConflictException);
    const broken = new Error('connection lost');
    await expect(audit.record(OPERATOR, 'queue.drain', 'assignments', async () => Promise.reject(broken))).rejects.toBe(broken);
    expect(await entries()).toEqual([
      ['queue.drain', 'assignments', 'failed'],
      ['jobs.discard', 'assignments/x', 'conflict'],
      ['jobs.redrive', 'assignments/x', 'not-found'],
    ]);
  });

  it('leaves out a target that is not an id or a code, rather than store it', async () => {
    await audit.record(OPERATOR, 'jobs.redrive', 'assignments/Tolvan Tolvansson', async () => 1);
    const [entry] = (await rig.audit.list()).entries;
    expect(entry).not.toHaveProperty('target');
    expect(JSON.stringify(entry)).not.toContain('Tolvan');
  });
});
