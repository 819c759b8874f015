import { Inject, Injectable } from '@nestjs/common';
import { Job, UnrecoverableError } from 'bullmq';
import { AppliedPlan, AssignmentPlan, CustomerOperation, CustomerPlace, mapAssignment, type MappingRules, maybeWrittenBy, placesOf, planAssignmentChange, TenantOperation } from '@brygga/mapping';
import { reasonCodes } from '@brygga/domain';
import { comeBackLater, failPermanentlyOn, FLOW_OUTCOMES, type FlowEventRefs, type FlowOutcomeObserver, type FlowOutcomeReason, type FlowOutcome, idempotencyKey, PERSON_KEYS, type PersonKeys, planningAnswerOf, RULES, type RulesAccessor, TODAY, type Today, waitOutUnavailableTenant } from '@brygga/flow-kernel';
import { PlanningClientsRegistry, type PlanningIds } from '@brygga/planning-tool';
import { JOB_LOCK_DURATION_MS, JobHandlers, type JobHandlerProvider, type JobPayloads } from '@brygga/queue';
import { type AppliedState, AssignmentStateStore, type HeldAssignment } from './assignment-state.store';
import { CustomerStateStore } from './customer-state.store';
import { INTERVENTIONS_FLOW, InterventionsStats } from './interventions-stats.store';
import { PLANNING_IDS } from './interventions.tokens';

type ApplyJob = Job<JobPayloads['assignment.apply']>;
export type ApplyOutcome = 'applied' | 'stale' | 'superseded' | 'notServed' | 'quarantined' | 'deleted';

// BullMQ's job lock lease, renewed while held (LockSet): a dead worker's lock lapses before its jobs return.
const LOCK_TTL_MS = JOB_LOCK_DURATION_MS;
const LOCK_RETRY_MS = 200;

/** The customer an assignment touches is being changed by another worker: come back later. */
const BUSY = 'busy';

/**
 * Applies one assignment version: latest state wins (a version at or below the applied
 * one, or below the newest seen, is skipped), under a per-assignment lock so workers
 * may run many assignments at once but never two versions of one; and under the lock of
 * every customer it touches, so two assignments of one client (a provider switch) never
 * race on that client's customer.
 */
@Injectable()
@JobHandlers()
export class AssignmentProcessor implements JobHandlerProvider {
  constructor(
    private readonly assignments: AssignmentStateStore,
    private readonly customers: CustomerStateStore,
    private readonly stats: InterventionsStats,
    private readonly planning: PlanningClientsRegistry,
    @Inject(PLANNING_IDS) private readonly ids: PlanningIds,
    @Inject(RULES) private readonly rules: RulesAccessor<MappingRules>,
    @Inject(TODAY) private readonly today: Today,
    @Inject(FLOW_OUTCOMES) private readonly outcomes: FlowOutcomeObserver,
    @Inject(PERSON_KEYS) private readonly persons: PersonKeys,
  ) {}

  handlers() {
    // A tenant under maintenance or with its breaker open: the job waits, without failing or spending an attempt.
    return { 'assignment.apply': (job: ApplyJob, token?: string) => waitOutUnavailableTenant(job, token, () => this.apply(job, token)) };
  }

  async apply(job: ApplyJob, token?: string): Promise<ApplyOutcome> {
    const { v, assignmentId, version } = job.data;
    if (v !== 1) throw new UnrecoverableError(`assignment.apply payload version ${String(v)} is not known to this worker`);
    // The lock, the state and this version's content: one round trip.
    const held = await this.assignments.lockAndRead(assignmentId, version, LOCK_TTL_MS);
    let outcome: ApplyOutcome | typeof BUSY = BUSY;
    if (held) {
      try {
        outcome = await this.applyLocked(job, held);
      } finally {
        // A no-op once the lock went with the applied state's transaction.
        await held.release();
      }
    }
    // Another worker is applying this assignment or changing its customer: our turn comes after.
    return outcome !== BUSY ? outcome : comeBackLater(job, token, LOCK_RETRY_MS);
  }

  private async applyLocked(job: ApplyJob, lock: HeldAssignment): Promise<ApplyOutcome | typeof BUSY> {
    const { assignmentId, version, reapply } = job.data;
    // Read with the lock: a stale version's content is read for nothing, a cheap price on the hot path.
    const { state, assignment } = lock;
    const skip = reapply ? (version !== state.appliedVersion ? 'superseded' : undefined) : staleness(version, state);
    // The journal's view of this job: its ids, and the client by keyed hash (content still stored).
    const seen: Seen = { refs: { assignmentId, version, documentId: job.data.documentId, jobId: job.id }, personKey: assignment ? this.persons.client(assignment.client.identityNumber) : undefined };
    if (skip) {
      await this.stats.increment(skip === 'stale' ? 'skippedStale' : 'skippedSuperseded');
      this.outcomes.outcome(INTERVENTIONS_FLOW, 'skipped', skip);
      this.outcomes.event?.({ kind: 'assignment.skipped', status: 'skipped', ...seen, reasons: [skip] });
      return skip;
    }
    if (!assignment) throw new UnrecoverableError(`assignment ${assignmentId} version ${version}: stored content expired or missing; redeliver it`);
    const rules = this.rules();
    const today = this.today();
    const plan = mapAssignment(assignment, rules, this.ids, today);

    if (plan.outcome === 'quarantine') {
      await this.stats.quarantine({ ref: assignmentId, version, documentId: job.data.documentId, reasons: plan.reasons, rulesVersion: rules.version });
      for (const code of reasonCodes(plan.reasons)) this.outcomes.outcome(INTERVENTIONS_FLOW, 'quarantined', code);
      this.outcomes.event?.({ kind: 'assignment.quarantined', status: 'quarantined', ...seen, rulesVersion: rules.version, reasons: reasonCodes(plan.reasons) });
      return 'quarantined';
    }
    const previous = previousPlace(state);
    const { maybeWritten } = state;
    const { next, left } = placesOf(plan, previous, maybeWritten);
    // Durable before any write goes out, and written by the lock request's own script (one step,
    // so no lock is taken without it): what this apply may leave written beyond what is recorded. Harmless if the customer is busy.
    const note = this.assignments.maybeWrittenNote(assignmentId, maybeWrittenBy(plan, maybeWritten));
    const held = await this.customers.lockAndLoad([...(next ? [next] : []), ...left], LOCK_TTL_MS, note);
    if (!held) return BUSY;
    let written = 0;
    try {
      const change = planAssignmentChange({ assignment, plan, previous, maybeWritten, contributions: held.contributions, today });
      written = change.writes.length;
      await this.deliver(change.writes, `${assignmentId}\u0000${version}\u0000${change.replaces}`, rules.version, seen);
      // What the customers hold, what was applied, the counters, the ended list and both locks' release: one transaction, one round trip.
      await held.commit(change.customers, (multi) => {
        this.assignments.recordAppliedIn(multi, assignmentId, version, sentState(plan, rules.version));
        this.stats.incrementManyIn(multi, countsOf(plan, change.writes));
        // Noted only while slutdatum is still ahead: once it has passed, this apply already made it inactive (and a re-apply must not queue itself again every night).
        if (plan.outcome === 'apply' && assignment.status === 'avslutad' && assignment.endDate && assignment.endDate >= today) {
          this.assignments.noteEndedIn(multi, assignmentId, assignment.endDate);
        }
        lock.releaseIn(multi);
      });
      lock.released();
    } finally {
      await held.release();
    }
    this.observe(plan, job.data.acceptedAt, written, { ...seen, rulesVersion: rules.version });
    return outcomeOf(plan);
  }

  /** Told once the outcome is recorded; the latency only when the planning tool confirmed writes of an accepted document. */
  private observe(plan: AppliedPlan, acceptedAt: number | undefined, written: number, seen: Seen & { rulesVersion: string }): void {
    const [outcome, reason] = OBSERVED[plan.outcome];
    this.outcomes.outcome(INTERVENTIONS_FLOW, outcome, reason);
    const placed = plan.outcome === 'apply' ? { tenant: plan.tenant, customerId: plan.customerId } : {};
    const refs = { ...seen.refs, ...placed };
    this.outcomes.event?.({ kind: `assignment.${outcome}`, status: outcome, ...seen, refs, ...(reason !== 'none' && { reasons: [reason] }), detail: { writes: written } });
    if (acceptedAt !== undefined && written > 0) this.outcomes.confirmed(INTERVENTIONS_FLOW, acceptedAt);
  }

  private async deliver(writes: TenantOperation[], scope: string, rulesVersion: string, seen: Seen): Promise<void> {
    const byTenant = new Map<string, TenantOperation[]>();
    for (const w of writes) byTenant.set(w.tenant, [...(byTenant.get(w.tenant) ?? []), w]);
    await failPermanentlyOn(
      async () => {
        for (const [tenant, tenantWrites] of byTenant) {
          const told = (status: string, answer: { status: string; code?: string }) =>
            this.outcomes.event?.({ kind: 'planning.write', status, ...seen, refs: { ...seen.refs, tenant }, rulesVersion, answer, detail: { operations: [...new Set(tenantWrites.map((w) => w.operation.kind))].join('+'), count: tenantWrites.length } });
          try {
            const client = this.planning.forTenant(tenant);
            await client.send(tenantWrites.map(({ operation }) => ({ operation, idempotencyKey: idempotencyKey(scope, operation, rulesVersion) })));
          } catch (error) {
            told(...planningAnswerOf(error));
            throw error;
          }
          told('accepted', { status: '2xx' });
        }
      },
      () => this.stats.increment('failed'),
    );
  }
}

/** What the journal is told of every step of one job. */
interface Seen {
  refs: FlowEventRefs;
  personKey?: string;
}

function staleness(version: number, state: AppliedState): 'stale' | 'superseded' | undefined {
  if (version <= state.appliedVersion) return 'stale';
  if (version < state.latestSeen) return 'superseded';
  return undefined;
}

function previousPlace(state: AppliedState): CustomerPlace | undefined {
  return state.tenant && state.customerId ? { tenant: state.tenant, customerId: state.customerId } : undefined;
}

function sentState(plan: AppliedPlan, rulesVersion: string): Omit<AppliedState, 'appliedVersion' | 'latestSeen'> {
  if (plan.outcome === 'apply') {
    return { tenant: plan.tenant, customerId: plan.customerId, serviceOrderIds: plan.serviceOrders.map((o) => o.id), rulesVersion, outcome: 'applied' };
  }
  return { serviceOrderIds: [], rulesVersion, outcome: plan.outcome === 'delete' ? 'deleted' : 'notServed' };
}

const OUTCOMES: Record<Exclude<AssignmentPlan['outcome'], 'quarantine'>, ApplyOutcome> = { apply: 'applied', delete: 'deleted', notServed: 'notServed' };

const OBSERVED: Record<AppliedPlan['outcome'], [FlowOutcome, FlowOutcomeReason]> = {
  apply: ['applied', 'none'],
  delete: ['applied', 'deleted'],
  notServed: ['skipped', 'not-served'],
};

function outcomeOf(plan: AppliedPlan): ApplyOutcome {
  return OUTCOMES[plan.outcome];
}

/** The flow counter each kind of operation sent adds to. */
const COUNTER_OF: Record<CustomerOperation['kind'], 'customersWritten' | 'serviceOrdersWritten' | 'deletesSent'> = {
  putCustomer: 'customersWritten',
  putServiceOrder: 'serviceOrdersWritten',
  deleteCustomer: 'deletesSent',
  deleteServiceOrder: 'deletesSent',
};

function countsOf(plan: AppliedPlan, writes: TenantOperation[]): Record<string, number> {
  const counts: Record<string, number> = { [outcomeOf(plan)]: 1, customersWritten: 0, serviceOrdersWritten: 0, deletesSent: 0 };
  for (const { operation } of writes) counts[COUNTER_OF[operation.kind]]++;
  return counts;
}
