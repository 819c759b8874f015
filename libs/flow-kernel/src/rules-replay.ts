import { DiscoveryService } from '@nestjs/core';
import type { Reason } from '@brygga/domain';

/** What the kernel needs to know of a set of mapping rules: the flows know their shape, operations only pass them on. */
export interface VersionedRules {
  readonly version: string;
}

/** One planning operation a document would produce: ids and kinds, never a personal value. */
export interface DryRunOperation {
  tenant: string;
  kind: string;
  customerId?: string;
  serviceOrderId?: string;
  staffId?: string;
  /** What the operation says beyond its ids, when that is not personal data (a service order's body, a staff member's team and skills, a day count). */
  detail?: Record<string, unknown>;
}

/** What one document means under some rules: nothing stored, queued or sent. */
export interface DryRunAnswer {
  flow: string;
  /** Records the document held (assignments, or employees of the export). */
  records: number;
  operations: DryRunOperation[];
  quarantined: Array<{ ref: string; reasons: Reason[] }>;
  /** Refs of records whose provider or unit the rules do not serve. */
  notServed: string[];
}

export const REPLAY_KINDS = ['ordersAdded', 'ordersRemoved', 'ordersChanged', 'customerTeamChanged', 'staffSkillsChanged', 'newlyQuarantined', 'newlyAccepted'] as const;
export type ReplayKind = (typeof REPLAY_KINDS)[number];
export type ReplayCounts = Record<ReplayKind, number>;

/** One stored item (an assignment, a staff member) the candidate rules would change, and how. */
export interface ReplayItem {
  flow: string;
  /** The assignment id, or the staff id in the planning tool; an id, never a person's data. */
  id: string;
  kinds: ReplayKind[];
  /** Field names that change (`customer.teamId`, `serviceOrder.minutesPerVisit`, `staff.skills`, `outcome`), never values. */
  fields: string[];
  /** Service order ids by what happens to them. */
  orders?: { added: string[]; removed: string[]; changed: string[] };
  /** The customers (tenant/customerId) whose team changes. */
  customers?: string[];
  /** Reason codes under the candidate (newly quarantined) or under the rules in force (newly accepted). */
  reasons?: string[];
}

/** One batch of a flow's replay: the items of it that change, and how many stored items it covered. */
export interface ReplayBatch {
  items: ReplayItem[];
  scanned: number;
  /** Stored items whose content has expired: not replayed. */
  unavailable: number;
}

/**
 * What a flow offers the rules tools (dry-run, replay, apply): its documents mapped under
 * given rules, its stored latest state re-mapped under two sets of rules and compared, and
 * the re-send of exactly the items that change through its normal path. Each flow
 * provides one, marked `@ReplayedFlow()`, found by discovery like `FlowOperations`.
 */
export interface FlowRulesReplay<R extends VersionedRules = VersionedRules> {
  readonly flow: string;
  /** The document mapped under `rules`, or undefined when it is not this flow's kind of document. */
  dryRun(document: Buffer, rules: R): Promise<DryRunAnswer | undefined>;
  /** How many stored items a replay would go through (to choose between answering at once and a job). */
  size(): Promise<number>;
  /** Goes through every stored item, batch by batch, mapping it under both rules. */
  replay(inForce: R, candidate: R, batch: (b: ReplayBatch) => Promise<void>): Promise<void>;
  /** Queues the flow's normal jobs for exactly these items (already under the new rules); `attempt` keeps job ids new. Answers how many jobs were queued. */
  resend(items: ReplayItem[], attempt: string): Promise<number>;
}

export const ReplayedFlow = DiscoveryService.createDecorator<void>();

/** Every kind at zero. */
export function emptyReplayCounts(): ReplayCounts {
  return Object.fromEntries(REPLAY_KINDS.map((k) => [k, 0])) as ReplayCounts;
}

/**
 * The counts of a replay as its items come in: orders by order, customers whose team
 * changes by customer (two assignments of one client count once), everything else by item.
 */
export class ReplayTally {
  readonly counts = emptyReplayCounts();
  private readonly customers = new Set<string>();

  add(item: ReplayItem): void {
    for (const kind of item.kinds) {
      if (kind === 'ordersAdded' || kind === 'ordersRemoved' || kind === 'ordersChanged' || kind === 'customerTeamChanged') continue;
      this.counts[kind]++;
    }
    if (item.orders && !item.kinds.includes('newlyAccepted')) {
      this.counts.ordersAdded += item.orders.added.length;
      this.counts.ordersRemoved += item.orders.removed.length;
      this.counts.ordersChanged += item.orders.changed.length;
    }
    for (const customer of item.customers ?? []) {
      if (this.customers.has(customer)) continue;
      this.customers.add(customer);
      this.counts.customerTeamChanged++;
    }
  }
}

/**
 * The names of the fields that differ between two values, as dotted paths into plain
 * objects (arrays compared whole): what a diff may show without a value.
 */
export function changedFields(a: unknown, b: unknown, path = ''): string[] {
  if (isPlainObject(a) && isPlainObject(b)) {
    const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])].sort();
    return keys.flatMap((k) => changedFields(a[k], b[k], path ? `${path}.${k}` : k));
  }
  return JSON.stringify(a) === JSON.stringify(b) ? [] : [path || '(value)'];
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** A dry-run's document is this flow's kind but refused as a whole (the reason as the intake would answer it, never a value). */
export class DryRunDocumentRefused extends Error {
  override readonly name = 'DryRunDocumentRefused';

  constructor(
    readonly flow: string,
    readonly reason: string,
  ) {
    super(`${flow}: document refused: ${reason}`);
  }
}

/** Whether an XML document's root element has this local name (any prefix): which flow's document it is, before a parser says whether it is a good one. */
export function hasXmlRoot(document: Buffer, localName: string): boolean {
  // The root is the first element after the prolog: comments, processing instructions and a DOCTYPE are skipped.
  const head = document.subarray(0, 64 * 1024).toString('latin1').replace(/<\?[\s\S]*?\?>|<!--[\s\S]*?-->|<![^>]*>/g, '');
  const root = /<([A-Za-z_][\w.-]*:)?([A-Za-z_][\w.-]*)/.exec(head);
  return root?.[2] === localName;
}
