/**
 * What Brygga alerts on. The list is closed: it is the gauge's label set and the
 * conditions table's keys, so a condition cannot be evaluated without being exposed.
 */
export const ALERT_CONDITIONS = ['feed-silent', 'roster-missing', 'unhandled-items', 'queue-age', 'tenant-failing', 'reconcile-drift'] as const;
export type AlertCondition = (typeof ALERT_CONDITIONS)[number];

export type AlertState = 'raised' | 'cleared';

/** Codes and counts only (minutes, a date, a status code): never a person's data. */
export type AlertDetail = Record<string, string | number>;

/** One raise or clear, as the journal, the API and the webhook carry it. */
export interface AlertEvent {
  /** The journal's id (a Redis stream id: `<ms>-<n>`), increasing: receivers order and deduplicate by it. */
  id: string;
  condition: AlertCondition;
  /** A unit, queue or tenant id (configuration, never a person's); absent for a condition of the whole installation. */
  subject?: string;
  state: AlertState;
  /** When the evaluation that found it ran (ISO time). */
  at: string;
  detail: AlertDetail;
}

/** An alert raised and not yet cleared. */
export interface ActiveAlert {
  /** The id of the event that raised it. */
  id: string;
  condition: AlertCondition;
  subject?: string;
  since: string;
  detail: AlertDetail;
}

/** What a condition finds at one evaluation: each firing subject (`''` for none) with its detail. */
export type Firing = Map<string, AlertDetail>;

export const NO_SUBJECT = '';
