import { QueueName } from './queue-name.enum';

/**
 * Every job Brygga runs, by name, with its data. Data is small and JSON-safe: ids and
 * keys, never documents or personal data. `v` is the payload version: a handler that
 * meets a version it does not know fails the job as permanent instead of guessing.
 */
export interface JobPayloads {
  /** A stored raw case-system document to split into per-assignment jobs. */
  'case-document.split': { v: 1; documentId: string };
  /** One assignment version, stored under its key, to validate, map and deliver. */
  'assignment.apply': { v: 1; assignmentKey: string; version: number; documentId: string };
  /** Poll the case system's change feed once. */
  'case-feed.poll': { v: 1 };
  /** A stored raw schedule export to map and deliver. */
  'schedule-document.apply': { v: 1; documentId: string };
  /** Pull every served unit's schedule once. */
  'schedule.poll': { v: 1 };
  /** Re-evaluate time-dependent state: expired delegations, ended assignments. */
  'daily.reevaluate': { v: 1; date?: string };
}

export type JobName = keyof JobPayloads;

/** The typed union of all jobs, discriminated by name. */
export type AnyJobData = { [K in JobName]: { name: K; data: JobPayloads[K] } }[JobName];

/** Which queue carries each job. A map, not a switch: adding a job is one line here. */
export const JOB_QUEUE: { readonly [K in JobName]: QueueName } = {
  'case-document.split': QueueName.CaseDocuments,
  'assignment.apply': QueueName.Assignments,
  'case-feed.poll': QueueName.Scheduler,
  'schedule-document.apply': QueueName.ScheduleDocuments,
  'schedule.poll': QueueName.Scheduler,
  'daily.reevaluate': QueueName.Scheduler,
};

export const ALL_JOB_NAMES = Object.keys(JOB_QUEUE) as JobName[];
