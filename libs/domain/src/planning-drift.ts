/**
 * What a reconciliation run finds: the planning tool's record against what Brygga would
 * send now (downstream), and the source systems against what Brygga stored (upstream).
 * An item names ids, dates and field names, never a value of personal data.
 */
export const DRIFT_KINDS = [
  'customerMissing',
  'customerDiffers',
  'serviceOrderMissing',
  'serviceOrderExtra',
  'serviceOrderDiffers',
  'staffMissing',
  'staffDiffers',
  'staffDayDiffers',
  'assignmentVersionNotStored',
  'assignmentNotApplied',
  'rosterRevisionNotApplied',
] as const;
export type DriftKind = (typeof DRIFT_KINDS)[number];

export interface DriftItem {
  flow: string;
  kind: DriftKind;
  tenant?: string;
  customerId?: string;
  serviceOrderId?: string;
  staffId?: string;
  date?: string;
  /** Field names that differ (`minutesPerVisit`, `address`), never their values. */
  fields?: string[];
  assignmentId?: string;
  version?: number;
  unitId?: string;
  revision?: number;
}

/** A stable key of an item, to pick items for a repair and to count each once. */
export function driftItemKey(item: DriftItem): string {
  return [item.flow, item.kind, item.tenant, item.customerId, item.serviceOrderId, item.staffId, item.date, item.assignmentId, item.version, item.unitId, item.revision].map((v) => v ?? '').join('|');
}
