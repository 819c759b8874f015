/**
 * What the journal is told: one thing that happened to a document, an assignment version,
 * a roster, a job or a planning write. Ids and codes only, never a value from a document:
 * the person is carried as `personKey` (a keyed hash, `PersonKeys`), never by name or number.
 */
export type FlowEventKind =
  | 'document.received'
  | 'assignment.stored'
  | 'assignment.applied'
  | 'assignment.skipped'
  | 'assignment.quarantined'
  | 'roster.stored'
  | 'roster.applied'
  | 'roster.skipped'
  | 'roster.quarantined'
  | 'job.failed'
  | 'planning.write'
  | 'reconcile.repair';

/** The ids an event is reached by (each one an index of the journal), and a few more it names. */
export interface FlowEventRefs {
  documentId?: string;
  assignmentId?: string;
  /** The assignment's decisions (beslut): each one an index. */
  decisionIds?: string[];
  version?: number;
  unitId?: string;
  employeeId?: string;
  customerId?: string;
  tenant?: string;
  requestId?: string;
  jobId?: string;
  /** A reconciliation run (its repairs name it). */
  runId?: string;
  /** A staff member in the planning tool (the employment number, as the tool's staff id). */
  staffId?: string;
}

export interface FlowEvent {
  kind: FlowEventKind;
  /** A code: stored, applied, skipped, quarantined, accepted, refused, failed. */
  status: string;
  refs: FlowEventRefs;
  rulesVersion?: string;
  /** The planning tool's answer to a write: an HTTP status or a class (`2xx`, `timeout`, `network`), and a code. */
  answer?: { status: string; code?: string };
  personKey?: string;
  /** Further people the event concerns (a roster's employees): indexed by, not stored in the entry. */
  alsoFor?: string[];
  /** Reason codes (a quarantine's, a skip's, a failure's). */
  reasons?: string[];
  /** Small facts by name: source, bytes, operation kinds, counts, attempts. Codes and numbers only. */
  detail?: Record<string, string | number>;
}
