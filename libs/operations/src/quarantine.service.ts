import { ConflictException, Injectable, NotFoundException } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import type { AdminRequestContext } from '@brygga/admin-access';
import { AFTER_ALL_MEMBERS, BEFORE_ALL_MEMBERS, type FlowOperations, positionOf, type QuarantineEntry } from '@brygga/flow-kernel';
import { FlowOperationsExplorer } from './flow-operations.explorer';
import { filterTarget } from './failed-jobs.service';
import { decodeCursor, encodeCursor, type ListPosition } from './list-cursor';
import { type AgeFilter, ageBounds, checkedCode, checkedLimit } from './list-query';
import { OperationsAudit } from './operations-audit';

export interface QuarantineFilter extends AgeFilter {
  flow?: string;
  /** A reason code: entries with any reason of it. */
  reason?: string;
}

export interface QuarantineQuery extends QuarantineFilter {
  cursor?: string;
  limit?: number;
}

export type QuarantineItem = QuarantineEntry & {
  flow: string;
  /** Whether it has a stored version to go through the flow again from (one refused at intake has none). */
  requeueable: boolean;
};

export interface QuarantinePage {
  items: QuarantineItem[];
  next?: string;
}

const REQUEUE_BATCH = 200;
const ENTRY_ID = /^[A-Za-z0-9._-]{1,64}$/;

/**
 * Every flow's quarantine as one list (newest first, filtered by flow, reason code and
 * age), and requeueing: an entry goes through its flow's normal path again from its
 * stored version (the flow's `FlowOperations.requeue`) and leaves the quarantine. Requeues
 * are audited.
 */
@Injectable()
export class QuarantineService {
  constructor(
    private readonly flows: FlowOperationsExplorer,
    private readonly audit: OperationsAudit,
  ) {}

  async list(query: QuarantineQuery, now: Date = new Date()): Promise<QuarantinePage> {
    const limit = checkedLimit(query.limit);
    const page = await this.page(query, decodeCursor(query.cursor), limit, now);
    return { items: page.items.map((i) => i.item), ...(page.next && { next: encodeCursor(page.next) }) };
  }

  async requeueOne(actor: AdminRequestContext, flow: string, id: string): Promise<{ requeued: number }> {
    return this.audit.record(actor, 'quarantine.requeue', `${flow}/${id}`, async () => {
      const ops = this.flows.get(checkedCode('flow', flow) as string);
      const entry = ENTRY_ID.test(id) ? await ops.stats.getQuarantined(id) : undefined;
      if (!entry) throw new NotFoundException(`no quarantined entry ${ENTRY_ID.test(id) ? id : '(not an entry id)'} in ${flow}`);
      if (!ops.canRequeue(entry)) throw new ConflictException(`quarantined entry ${id} of ${flow} has no stored version to requeue (it was refused at intake: the sender must send it again)`);
      await this.requeue(ops, [entry], newAttempt());
      return { requeued: 1 };
    });
  }

  /** Every requeueable entry the filter matches; `notRequeueable`: matched but refused at intake, left in quarantine. */
  async requeueMatching(actor: AdminRequestContext, filter: QuarantineFilter, now: Date = new Date()): Promise<{ requeued: number; notRequeueable: number }> {
    return this.audit.record(actor, 'quarantine.requeue', filterTarget(filter), async () => {
      const attempt = newAttempt();
      const result = { requeued: 0, notRequeueable: 0 };
      let after: ListPosition | undefined;
      do {
        const page = await this.page(filter, after, REQUEUE_BATCH, now);
        for (const ops of this.flows.all()) {
          const entries = page.items.filter((i) => i.item.flow === ops.flow).map((i) => i.item);
          const requeueable = entries.filter((e) => e.requeueable);
          await this.requeue(ops, requeueable, attempt);
          result.requeued += requeueable.length;
          result.notRequeueable += entries.length - requeueable.length;
        }
        after = page.next;
      } while (after);
      return result;
    });
  }

  private async requeue(ops: FlowOperations, entries: QuarantineEntry[], attempt: string): Promise<void> {
    // Queued first, removed after: a failure in between leaves an entry listed twice over, never lost.
    for (const entry of entries) await ops.requeue(entry, attempt);
    await ops.stats.removeQuarantined(entries.map((e) => e.id));
  }

  /** One merged page over the flows: each flow's next `limit` from the cursor, merged newest first (ties by flow, then id). */
  private async page(filter: QuarantineFilter, after: ListPosition | undefined, limit: number, now: Date): Promise<{ items: Array<{ item: QuarantineItem; position: ListPosition }>; next?: ListPosition }> {
    const reason = checkedCode('reason', filter.reason);
    const flows = filter.flow === undefined ? this.flows.all() : [this.flows.get(checkedCode('flow', filter.flow) as string)];
    const { min, max } = ageBounds(filter, now);
    const pages = await Promise.all(
      flows.map(async (ops) => {
        const page = await ops.stats.findQuarantined({ reason, limit, after: afterFor(ops.flow, after), ...(max !== undefined && { olderThan: new Date(max) }), ...(min !== undefined && { newerThan: new Date(min) }) });
        return { more: page.next !== undefined, items: page.entries.map((e) => ({ item: { ...e, flow: ops.flow, requeueable: ops.canRequeue(e) }, position: { ...positionOf(e), source: ops.flow } })) };
      }),
    );
    const merged = pages.flatMap((p) => p.items).sort((a, b) => comparePositions(a.position, b.position));
    const items = merged.slice(0, limit);
    const more = merged.length > limit || pages.some((p) => p.more);
    return { items, ...(more && items.length > 0 && { next: items[items.length - 1].position }) };
  }
}

function comparePositions(a: ListPosition, b: ListPosition): number {
  if (a.score !== b.score) return b.score - a.score;
  if (a.source !== b.source) return a.source < b.source ? -1 : 1;
  return a.member < b.member ? 1 : a.member > b.member ? -1 : 0;
}

function afterFor(flow: string, cursor: ListPosition | undefined) {
  if (!cursor) return undefined;
  if (flow === cursor.source) return { score: cursor.score, member: cursor.member };
  // Ties of the cursor's time: already shown in flows sorted before it, still to come in those after.
  return { score: cursor.score, member: flow < cursor.source ? BEFORE_ALL_MEMBERS : AFTER_ALL_MEMBERS };
}

function newAttempt(): string {
  return `${Date.now().toString(36)}${randomBytes(3).toString('hex')}`;
}
