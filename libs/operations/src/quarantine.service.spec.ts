import { BadRequestException, ConflictException, Injectable, NotFoundException } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { Test } from '@nestjs/testing';
import { AuditLogStore } from '@brygga/admin-access';
import type { Reason } from '@brygga/domain';
import { type FlowOperations, FlowStatsStore, kernelKeys, OperatedFlow, type QuarantineEntry } from '@brygga/flow-kernel';
import { FlowOperationsExplorer } from './flow-operations.explorer';
import { OperationsAudit } from './operations-audit';
import { OPERATOR, type OperationsRig, operationsRig } from './operations.test-harness';
import { QuarantineService } from './quarantine.service';

const requeued: Array<[string, string, string]> = [];
let rig: OperationsRig;

/** A flow as a flow module shows itself: its store, and a requeue that only records what it was asked. */
abstract class RecordingFlow implements FlowOperations {
  abstract readonly flow: string;
  abstract readonly stats: FlowStatsStore;

  canRequeue(entry: QuarantineEntry): boolean {
    return entry.version !== undefined;
  }

  async requeue(entry: QuarantineEntry, attempt: string): Promise<void> {
    requeued.push([this.flow, entry.ref, attempt]);
  }
}

@Injectable()
@OperatedFlow()
class AlphaFlow extends RecordingFlow {
  readonly flow = 'alpha';
  readonly stats = new FlowStatsStore(rig.redis, kernelKeys(rig.prefix), 'alpha');
}

@Injectable()
@OperatedFlow()
class BetaFlow extends RecordingFlow {
  readonly flow = 'beta';
  readonly stats = new FlowStatsStore(rig.redis, kernelKeys(rig.prefix), 'beta');
}

const reason = (code: Reason['code']): Reason[] => [{ code, text: 't' }];

describe('QuarantineService (real Redis, flows found by discovery)', () => {
  let service: QuarantineService;
  let alpha: FlowStatsStore;
  let beta: FlowStatsStore;

  beforeEach(async () => {
    rig = await operationsRig('quarantine');
    requeued.length = 0;
    const moduleRef = await Test.createTestingModule({
      imports: [DiscoveryModule],
      providers: [AlphaFlow, BetaFlow, FlowOperationsExplorer, QuarantineService, OperationsAudit, { provide: AuditLogStore, useValue: rig.audit }],
    }).compile();
    service = moduleRef.get(QuarantineService);
    alpha = moduleRef.get(AlphaFlow).stats;
    beta = moduleRef.get(BetaFlow).stats;
  });
  afterEach(async () => rig.close());

  async function fill(): Promise<void> {
    const t = (minute: number) => new Date(Date.UTC(2026, 10, 23, 8, minute));
    await alpha.quarantine({ ref: 'A-1', version: 1, reasons: reason('mapping.unknown-unit'), rulesVersion: 'r1' }, t(1));
    await beta.quarantine({ ref: 'B-1', version: 2, reasons: reason('date.invalid') }, t(2));
    await alpha.quarantine({ ref: 'A-2', reasons: reason('identity-number.check-digit') }, t(3));
    // Three in one millisecond, over both flows: the cursor must neither skip nor repeat them.
    for (const ref of ['A-3', 'A-4']) await alpha.quarantine({ ref, version: 1, reasons: reason('mapping.unknown-unit') }, t(4));
    await beta.quarantine({ ref: 'B-2', version: 1, reasons: reason('mapping.unknown-unit') }, t(4));
  }

  it('lists both flows as one, newest first, a page at a time, saying which can be requeued', async () => {
    await fill();
    const refs: string[] = [];
    let page = await service.list({ limit: 2 });
    for (;;) {
      refs.push(...page.items.map((i) => `${i.flow}:${i.ref}:${i.requeueable}`));
      if (!page.next) break;
      page = await service.list({ limit: 2, cursor: page.next });
    }
    expect(refs).toEqual(['alpha:A-4:true', 'alpha:A-3:true', 'beta:B-2:true', 'alpha:A-2:false', 'beta:B-1:true', 'alpha:A-1:true']);
  });

  it('filters by flow, reason code and age', async () => {
    await fill();
    const refs = async (q: Parameters<QuarantineService['list']>[0], now?: Date) => (await service.list(q, now)).items.map((i) => i.ref);
    expect(await refs({ flow: 'beta' })).toEqual(['B-2', 'B-1']);
    expect(await refs({ reason: 'mapping.unknown-unit' })).toEqual(['A-4', 'A-3', 'B-2', 'A-1']);
    expect(await refs({ olderThanMinutes: 2 }, new Date(Date.UTC(2026, 10, 23, 8, 4)))).toEqual(['B-1', 'A-1']);
    expect(await refs({ newerThanMinutes: 1 }, new Date(Date.UTC(2026, 10, 23, 8, 4)))).toEqual(['A-4', 'A-3', 'B-2', 'A-2']);
    await expect(service.list({ flow: 'gamma' })).rejects.toThrow(/^flow must be one of alpha, beta$/);
  });

  it('requeues one entry through its flow and removes it; the counters stay', async () => {
    await fill();
    const [a1] = (await service.list({ flow: 'alpha', reason: 'mapping.unknown-unit' })).items.filter((i) => i.ref === 'A-1');
    expect(await service.requeueOne(OPERATOR, 'alpha', a1.id)).toEqual({ requeued: 1 });
    expect(requeued.map(([flow, ref]) => [flow, ref])).toEqual([['alpha', 'A-1']]);
    expect(await alpha.getQuarantined(a1.id)).toBeUndefined();
    expect(await alpha.read()).toMatchObject({ quarantined: 4 });
    await expect(service.requeueOne(OPERATOR, 'alpha', a1.id)).rejects.toBeInstanceOf(NotFoundException);
  });

  it('answers 409 for an entry with no stored version, and leaves it', async () => {
    await fill();
    const [a2] = (await service.list({ flow: 'alpha' })).items.filter((i) => i.ref === 'A-2');
    await expect(service.requeueOne(OPERATOR, 'alpha', a2.id)).rejects.toBeInstanceOf(ConflictException);
    expect(await alpha.getQuarantined(a2.id)).toBeDefined();
    await expect(service.requeueOne(OPERATOR, 'alpha', 'not an id')).rejects.toBeInstanceOf(NotFoundException);
    await expect(service.requeueOne(OPERATOR, 'Alpha Flow', a2.id)).rejects.toBeInstanceOf(BadRequestException);
    // A target that is not an id (a space in it) is left out of the entry, not stored.
    expect((await rig.audit.list()).entries.map((e) => [e.target, e.outcome])).toEqual([
      [undefined, 'invalid'],
      [undefined, 'not-found'],
      [`alpha/${a2.id}`, 'conflict'],
    ]);
  });

  it('requeues every entry a filter matches, over both flows, one attempt id for the lot', async () => {
    await fill();
    expect(await service.requeueMatching(OPERATOR, { reason: 'mapping.unknown-unit' })).toEqual({ requeued: 4, notRequeueable: 0 });
    expect(requeued.map(([flow, ref]) => `${flow}:${ref}`).sort()).toEqual(['alpha:A-1', 'alpha:A-3', 'alpha:A-4', 'beta:B-2']);
    expect(new Set(requeued.map(([, , attempt]) => attempt)).size).toBe(1);
    expect((await service.list({})).items.map((i) => i.ref)).toEqual(['A-2', 'B-1']);
    expect(await service.requeueMatching(OPERATOR, {})).toEqual({ requeued: 1, notRequeueable: 1 });
    expect((await service.list({})).items.map((i) => i.ref)).toEqual(['A-2']);
  });
});
