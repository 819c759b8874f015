import { Inject, Injectable } from '@nestjs/common';
import type Redis from 'ioredis';
import { DocumentRejectedError, parseUppdragsexport } from '@brygga/case-system';
import type { Assignment, PlanningServiceOrder } from '@brygga/domain';
import { type DryRunAnswer, DryRunDocumentRefused, type DryRunOperation, type FlowRulesReplay, hasXmlRoot, REDIS, type ReplayBatch, type ReplayItem, ReplayedFlow, TODAY, type Today } from '@brygga/flow-kernel';
import { mapAssignment, type MappingRules, planAssignmentChange, type TenantOperation } from '@brygga/mapping';
import type { PlanningIds } from '@brygga/planning-tool';
import { JOB_IDS, JobProducer } from '@brygga/queue';
import { diffAssignmentPlans } from './assignment-replay.diff';
import { AssignmentStateStore } from './assignment-state.store';
import { INTERVENTIONS_FLOW, InterventionsStats } from './interventions-stats.store';
import { DATA_KEYS, PLANNING_IDS } from './interventions.tokens';
import type { DataKeys } from './redis-keys';

const SCAN_COUNT = 500;
const QUARANTINE_PAGE = 500;
const RESEND_SLICE = 500;

/**
 * The interventions flow for the rules tools: a case-system document mapped under
 * candidate rules (the operations a first delivery of each assignment would send), every
 * stored assignment's latest version mapped under two sets of rules and compared, and
 * the re-send of the assignments that change through `assignment.apply`.
 */
@Injectable()
@ReplayedFlow()
export class InterventionsRulesReplay implements FlowRulesReplay<MappingRules> {
  readonly flow = INTERVENTIONS_FLOW;

  constructor(
    @Inject(REDIS) private readonly redis: Redis,
    @Inject(DATA_KEYS) private readonly keys: DataKeys,
    private readonly assignments: AssignmentStateStore,
    private readonly stats: InterventionsStats,
    private readonly producer: JobProducer,
    @Inject(PLANNING_IDS) private readonly ids: PlanningIds,
    @Inject(TODAY) private readonly today: Today,
  ) {}

  async dryRun(document: Buffer, rules: MappingRules): Promise<DryRunAnswer | undefined> {
    if (!hasXmlRoot(document, 'Uppdragsexport')) return undefined;
    let results;
    try {
      results = parseUppdragsexport(document).results;
    } catch (error) {
      if (error instanceof DocumentRejectedError) throw new DryRunDocumentRefused(this.flow, error.reason);
      throw error;
    }
    const answer: DryRunAnswer = { flow: this.flow, records: results.length, operations: [], quarantined: [], notServed: [] };
    const today = this.today();
    for (const result of results) {
      if (!result.ok) {
        answer.quarantined.push({ ref: result.assignmentId ?? '(no valid id)', reasons: result.reasons });
        continue;
      }
      const assignment = result.assignment;
      const plan = mapAssignment(assignment, rules, this.ids, today);
      if (plan.outcome === 'quarantine') answer.quarantined.push({ ref: assignment.id, reasons: plan.reasons });
      else if (plan.outcome === 'notServed') answer.notServed.push(assignment.id);
      else answer.operations.push(...planAssignmentChange({ assignment, plan, contributions: new Map(), today }).writes.map(operationOf));
    }
    return answer;
  }

  async size(): Promise<number> {
    let count = 0;
    await this.eachIdBatch(async (ids) => void (count += ids.length));
    return count;
  }

  async replay(inForce: MappingRules, candidate: MappingRules, batch: (b: ReplayBatch) => Promise<void>): Promise<void> {
    const today = this.today();
    await this.eachIdBatch(async (ids) => {
      const latest = await Promise.all(ids.map(async (id) => this.latestOf(id)));
      const out: ReplayBatch = { items: [], scanned: ids.length, unavailable: 0 };
      for (const assignment of latest) {
        if (!assignment) {
          out.unavailable++;
          continue;
        }
        const item = diffAssignmentPlans(assignment.id, mapAssignment(assignment, inForce, this.ids, today), mapAssignment(assignment, candidate, this.ids, today));
        if (item) out.items.push(item);
      }
      await batch(out);
    });
  }

  /**
   * An applied assignment goes through `assignment.apply` again as a re-apply of its
   * applied version; one the rules in force quarantined (its latest version never applied)
   * goes through as that version, and leaves the quarantine.
   */
  async resend(items: ReplayItem[], attempt: string): Promise<number> {
    let queued = 0;
    const accepted = new Set<string>();
    // In slices, each slice's states read at once and its jobs added in one call: one by one, 10,000 re-sends took 40 s of an apply's answer.
    for (let i = 0; i < items.length; i += RESEND_SLICE) {
      const slice = items.slice(i, i + RESEND_SLICE);
      const states = await Promise.all(slice.map((item) => this.assignments.get(item.id)));
      const jobs = [];
      for (const [n, item] of slice.entries()) {
        const state = states[n];
        if (state.latestSeen === 0) continue;
        const reapply = state.appliedVersion === state.latestSeen;
        // Neither applied nor quarantined yet (its apply is still queued): that apply will use the new rules anyway.
        if (!reapply && !item.kinds.includes('newlyAccepted')) continue;
        const version = state.latestSeen;
        jobs.push({ data: { v: 1 as const, assignmentId: item.id, version, ...(reapply && { reapply: true }) }, opts: { jobId: `${JOB_IDS.assignmentApply(item.id, version)}-rules-${attempt}` } });
        if (!reapply) accepted.add(item.id);
      }
      if (jobs.length > 0) await this.producer.enqueueBulk('assignment.apply', jobs);
      queued += jobs.length;
    }
    if (accepted.size > 0) await this.leaveQuarantine(accepted);
    return queued;
  }

  private async leaveQuarantine(refs: Set<string>): Promise<void> {
    let after;
    do {
      const page = await this.stats.findQuarantined({ limit: QUARANTINE_PAGE, after });
      await this.stats.removeQuarantined(page.entries.filter((e) => refs.has(e.ref) && e.version !== undefined).map((e) => e.id));
      after = page.next;
    } while (after);
  }

  private async latestOf(assignmentId: string): Promise<Assignment | null> {
    const state = await this.assignments.get(assignmentId);
    return state.latestSeen > 0 ? this.assignments.loadVersion(assignmentId, state.latestSeen) : null;
  }

  /** Every assignment with stored state, by SCAN over its state keys (no index is kept for this: the rules tools are rare, the hot path is not). */
  private async eachIdBatch(handle: (ids: string[]) => Promise<void>): Promise<void> {
    const marker = '\u0000';
    const [head, tail] = this.keys.assignmentState(marker).split(marker);
    let cursor = '0';
    do {
      const [next, keys] = await this.redis.scan(cursor, 'MATCH', `${escapeGlob(head)}*${escapeGlob(tail)}`, 'COUNT', SCAN_COUNT);
      cursor = next;
      // The same pattern also finds each assignment's lock key (`…:lock`): only a plain id is an assignment.
      const ids = keys.map((k) => k.slice(head.length, k.length - tail.length)).filter((id) => id.length > 0 && !id.includes(':'));
      if (ids.length > 0) await handle(ids);
    } while (cursor !== '0');
  }
}

function operationOf({ tenant, operation }: TenantOperation): DryRunOperation {
  switch (operation.kind) {
    case 'putCustomer':
      // A customer's body is personal data: its team and whether it is active only.
      return { tenant, kind: operation.kind, customerId: operation.customerId, detail: { teamId: operation.customer.teamId, active: operation.customer.active } };
    case 'putServiceOrder':
      return { tenant, kind: operation.kind, customerId: operation.customerId, serviceOrderId: operation.serviceOrderId, detail: serviceOrderDetail(operation.serviceOrder) };
    default:
      return { tenant, kind: operation.kind, customerId: operation.customerId, ...('serviceOrderId' in operation && { serviceOrderId: operation.serviceOrderId }) };
  }
}

/** A service order as the planning tool gets it, without its free texts (goal and note may speak of the person). */
function serviceOrderDetail(order: PlanningServiceOrder): Omit<PlanningServiceOrder, 'goal' | 'note'> {
  const { goal: _goal, note: _note, ...rest } = order;
  return rest;
}

function escapeGlob(text: string): string {
  return text.replace(/[*?[\]\\]/g, '\\$&');
}
