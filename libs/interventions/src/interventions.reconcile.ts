import { Inject, Injectable } from '@nestjs/common';
import type Redis from 'ioredis';
import type { DriftItem, PlanningOperation } from '@brygga/domain';
import {
  type DriftBatch,
  FLOW_OUTCOMES,
  type FlowOutcomeObserver,
  type FlowReconcile,
  idempotencyKey,
  LockSet,
  pacedRead,
  PERSON_KEYS,
  type PersonKeys,
  type ReadPace,
  ReconciledFlow,
  REDIS,
  type RepairAttempt,
  repairEach,
  repairEvent,
  repairScope,
  RULES,
  type RulesAccessor,
  sendRepairWrites,
  TODAY,
  type Today,
} from '@brygga/flow-kernel';
import { aggregateCustomer, contributionOf, type CustomerContribution, customerDrift, type IntendedCustomer, mapAssignment, type MappingRules } from '@brygga/mapping';
import { PlanningClientsRegistry, type PlanningIds } from '@brygga/planning-tool';
import { AssignmentStateStore } from './assignment-state.store';
import { CaseFeedUpstream } from './case-feed.upstream';
import { INTERVENTIONS_FLOW } from './interventions-stats.store';
import { DATA_KEYS, PLANNING_IDS } from './interventions.tokens';
import type { DataKeys } from './redis-keys';

const SCAN_COUNT = 500;
const READERS = 8;

interface CustomerRef {
  tenant: string;
  customerId: string;
}

/**
 * The interventions flow for a reconciliation run: every customer it applied (one
 * `cust:{tenant}:{customerId}` hash, its fields the assignment ids behind it), rebuilt
 * from those assignments' latest stored versions as the worker would send it now, read
 * back from the planning tool and compared; and the repair of exactly the drifted items,
 * under the customer's lock, with idempotency keys of their own.
 */
@Injectable()
@ReconciledFlow()
export class InterventionsReconcile implements FlowReconcile {
  readonly flow = INTERVENTIONS_FLOW;

  constructor(
    @Inject(REDIS) private readonly redis: Redis,
    @Inject(DATA_KEYS) private readonly keys: DataKeys,
    private readonly assignments: AssignmentStateStore,
    private readonly planning: PlanningClientsRegistry,
    private readonly locks: LockSet,
    @Inject(PLANNING_IDS) private readonly ids: PlanningIds,
    @Inject(RULES) private readonly rules: RulesAccessor<MappingRules>,
    @Inject(TODAY) private readonly today: Today,
    private readonly feed: CaseFeedUpstream,
    @Inject(FLOW_OUTCOMES) private readonly outcomes: FlowOutcomeObserver,
    @Inject(PERSON_KEYS) private readonly persons: PersonKeys,
  ) {}

  upstream(): Promise<DriftBatch> {
    return this.feed.check();
  }

  async downstream(pace: ReadPace, batch: (b: DriftBatch) => Promise<void>): Promise<void> {
    await this.eachCustomerBatch(async (customers) => {
      const items: DriftItem[] = [];
      let next = 0;
      // A few readers at once: the pace holds each tenant to its rate, and one tenant's reads never wait on another's.
      const reader = async () => {
        while (next < customers.length) {
          const ref = customers[next++];
          const intended = await this.intended(ref);
          if (!intended) continue;
          const client = this.planning.forTenant(ref.tenant);
          const customer = await pacedRead(pace, ref.tenant, () => client.read({ kind: 'customer', customerId: ref.customerId }));
          let serviceOrders: unknown[] | undefined;
          if (customer !== undefined) {
            serviceOrders = (await pacedRead(pace, ref.tenant, () => client.read({ kind: 'serviceOrders', customerId: ref.customerId }))) as unknown[] | undefined;
          }
          items.push(...customerDrift(this.flow, intended, { customer, serviceOrders }, (a, i) => this.ids.serviceOrderId(a, i)));
        }
      };
      await Promise.all(Array.from({ length: Math.min(READERS, customers.length) }, reader));
      await batch({ items, checked: customers.length });
    });
  }

  /**
   * Per customer, under its lock (an apply of one of its assignments waits, and never
   * interleaves): the customer rebuilt again, and only what the items name sent. A missing
   * customer comes back with all its orders (they went with it); an extra order is
   * withdrawn; no customer is ever deleted. Each customer's repair is journaled
   * (`reconcile.repair`, the client by keyed hash): the planning tool's answer, refused or
   * failed included; a failure ends the repair there.
   */
  async repair(items: DriftItem[], attempt: RepairAttempt): Promise<number> {
    // Upstream first: what the feed had comes in through the intake and its own applies.
    const sent = await this.feed.repair(items.filter((i) => i.flow === this.flow), attempt);
    const byCustomer = new Map<string, DriftItem[]>();
    for (const item of items) {
      if (item.flow !== this.flow || !item.tenant || !item.customerId) continue;
      const key = `${item.tenant}\u0000${item.customerId}`;
      byCustomer.set(key, [...(byCustomer.get(key) ?? []), item]);
    }
    return sent + (await repairEach(byCustomer.values(), async (list) => {
      const ref = { tenant: list[0].tenant!, customerId: list[0].customerId! };
      const held = await this.lock(ref);
      try {
        const intended = await this.intended(ref);
        if (!intended) {
          // Nothing Brygga holds puts this customer there now: nothing is sent (a repair never deletes a customer).
          this.outcomes.event?.(repairEvent(attempt, { refs: ref }, list, 'skipped'));
          return 0;
        }
        const operations = repairOperations(intended, list);
        const rulesVersion = this.rules().version;
        const subject = { refs: ref, personKey: intended.personKey };
        await sendRepairWrites(this.outcomes, { attempt, subject, items: list, rulesVersion, operations }, () =>
          this.planning.forTenant(ref.tenant).send(operations.map((operation) => ({ operation, idempotencyKey: idempotencyKey(`reconcile\u0000${repairScope(attempt)}`, operation, rulesVersion) }))),
        );
        return operations.length;
      } finally {
        await held.release();
      }
    }));
  }

  private lock(ref: CustomerRef) {
    return this.locks.takeWaiting([this.keys.customerLock(ref.tenant, ref.customerId)], `reconcile repair: a customer of tenant ${ref.tenant}`);
  }

  /** The customer as the worker would send it now, from the latest stored version of each assignment behind it; undefined when none of them would put it there now. */
  private async intended(ref: CustomerRef): Promise<(IntendedCustomer & { personKey?: string }) | undefined> {
    const assignmentIds = await this.redis.hkeys(this.keys.customer(ref.tenant, ref.customerId));
    const rules = this.rules();
    const today = this.today();
    const contributions: CustomerContribution[] = [];
    const serviceOrders: IntendedCustomer['serviceOrders'] = {};
    // The client behind the customer (every assignment of one customer names the same), by keyed hash: the journal's person.
    let personKey: string | undefined;
    for (const assignmentId of assignmentIds.sort()) {
      const state = await this.assignments.get(assignmentId);
      const latest = state.latestSeen > 0 ? await this.assignments.loadVersion(assignmentId, state.latestSeen) : null;
      if (!latest) continue;
      const plan = mapAssignment(latest, rules, this.ids, today);
      if (plan.outcome !== 'apply' || plan.tenant !== ref.tenant || plan.customerId !== ref.customerId) continue;
      contributions.push(contributionOf(latest, plan));
      personKey ??= this.persons.client(latest.client.identityNumber);
      for (const order of plan.serviceOrders) serviceOrders[order.id] = order.body;
    }
    if (contributions.length === 0) return undefined;
    return { ...ref, customer: aggregateCustomer(contributions, today), serviceOrders, personKey };
  }

  /** Every customer the flow applied, by SCAN over its customer hashes (a run is nightly; the hot path keeps no index for it). */
  private async eachCustomerBatch(handle: (customers: CustomerRef[]) => Promise<void>): Promise<void> {
    const head = this.keys.customer('\u0000', '\u0000').split('\u0000')[0];
    let cursor = '0';
    do {
      const [next, keys] = await this.redis.scan(cursor, 'MATCH', `${head.replace(/[*?[\]\\]/g, '\\$&')}*`, 'COUNT', SCAN_COUNT);
      cursor = next;
      const refs = keys.filter((k) => !k.endsWith(':lock')).map((k) => refOf(k.slice(head.length)));
      if (refs.length > 0) await handle(refs);
    } while (cursor !== '0');
  }
}

function refOf(rest: string): CustomerRef {
  const at = rest.lastIndexOf(':');
  return { tenant: rest.slice(0, at), customerId: rest.slice(at + 1) };
}

function repairOperations(intended: IntendedCustomer, items: DriftItem[]): PlanningOperation[] {
  const { customerId } = intended;
  const putOrder = (serviceOrderId: string): PlanningOperation[] => {
    const serviceOrder = intended.serviceOrders[serviceOrderId];
    return serviceOrder ? [{ kind: 'putServiceOrder', customerId, serviceOrderId, serviceOrder }] : [];
  };
  if (items.some((i) => i.kind === 'customerMissing')) {
    return [{ kind: 'putCustomer', customerId, customer: intended.customer }, ...Object.keys(intended.serviceOrders).sort().flatMap(putOrder)];
  }
  const out: PlanningOperation[] = [];
  if (items.some((i) => i.kind === 'customerDiffers')) out.push({ kind: 'putCustomer', customerId, customer: intended.customer });
  for (const item of items) {
    if (!item.serviceOrderId) continue;
    if (item.kind === 'serviceOrderMissing' || item.kind === 'serviceOrderDiffers') out.push(...putOrder(item.serviceOrderId));
    // The order was made from an assignment of this customer (its id says so) and no longer is: withdrawn, as an apply would.
    if (item.kind === 'serviceOrderExtra' && !(item.serviceOrderId in intended.serviceOrders)) out.push({ kind: 'deleteServiceOrder', customerId, serviceOrderId: item.serviceOrderId });
  }
  return out;
}
