import { QueueName } from './queue-name.enum';

/**
 * Every job Brygga runs, by name, with its data. Data is small and JSON-safe: ids and
 * keys, never documents or personal data. `v` is the payload version: a handler that
 * meets a version it does not know fails the job as permanent instead of guessing.
 */
interface JobBodies {
  /** A dropped case-system file (already moved to processing/) to stream and split. */
  'case-file.import': { v: 1; fileName: string };
  /** One assignment version, stored under its id and version, to map and deliver. */
  /** `reapply`: send the applied version again (its meaning changed with the date, e.g. an ended assignment). */
  /** `acceptedAt` (epoch ms): when its document was accepted, for the end-to-end latency; absent on a re-apply. */
  'assignment.apply': { v: 1; assignmentId: string; version: number; documentId?: string; reapply?: boolean; acceptedAt?: number };
  /** Poll the case system's change feed once. */
  'case-feed.poll': { v: 1 };
  /** Daily: customers whose assignment ended (slutdatum passed) become inactive. */
  'assignments.end-expired': { v: 1; date?: string };
  /** A stored raw schedule export to map and deliver. */
  /** `reapply`: its employees left in quarantine are requeued: the export's own revision applies again (only what changed since it was sent is written). */
  'schedule-document.apply': { v: 1; documentId: string; acceptedAt?: number; reapply?: boolean };
  /** Pull every served unit's schedule once. */
  'schedule.poll': { v: 1 };
  /** Daily: re-send staff whose skills changed because a delegation expired. */
  'staff-skills.reevaluate': { v: 1; date?: string };
  /** A rules replay over the whole store; its candidate rules are kept in Redis by run id, never in the job. */
  'rules.replay': { v: 1; runId: string };
  /** A reconciliation run; its scope and results are kept in Redis by run id. */
  'reconcile.run': { v: 1; runId: string };
  /** The repair of a run's drifted items; which items is kept in the run's record under `attempt`. */
  'reconcile.repair': { v: 1; runId: string; attempt: string };
  /** The nightly tick (RECONCILE_CRON): queues a run of scope all by `schedule` (repaired at once with RECONCILE_REPAIR=true). */
  'reconcile.nightly': { v: 1 };
}

/**
 * What every job carries besides its body. `rid`: the request id of the inbound request
 * (or poll, or scheduled tick) that caused the job, stamped by `JobProducer`, so the job's
 * log lines and the planning requests it makes carry it. Optional and read by no handler,
 * so payloads stay `v: 1`: a job queued before it existed simply runs under a new id.
 */
export interface JobTrace {
  rid?: string;
}

export type JobPayloads = { [K in keyof JobBodies]: JobBodies[K] & JobTrace };

export type JobName = keyof JobPayloads;

/** The typed union of all jobs, discriminated by name. */
export type AnyJobData = { [K in JobName]: { name: K; data: JobPayloads[K] } }[JobName];

/** Which queue carries each job. A map, not a switch: adding a job is one line here. */
export const JOB_QUEUE: { readonly [K in JobName]: QueueName } = {
  'case-file.import': QueueName.CaseDocuments,
  'assignment.apply': QueueName.Assignments,
  'case-feed.poll': QueueName.Scheduler,
  'assignments.end-expired': QueueName.Scheduler,
  'schedule-document.apply': QueueName.ScheduleDocuments,
  'schedule.poll': QueueName.Scheduler,
  'staff-skills.reevaluate': QueueName.Scheduler,
  'rules.replay': QueueName.Operations,
  'reconcile.run': QueueName.Operations,
  'reconcile.repair': QueueName.Operations,
  // The tick only queues the run: the scheduler queue (which holds every repeating job's next tick) is never held by a long run.
  'reconcile.nightly': QueueName.Scheduler,
};

export const ALL_JOB_NAMES = Object.keys(JOB_QUEUE) as JobName[];
