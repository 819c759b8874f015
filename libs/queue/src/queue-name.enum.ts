/**
 * Every queue Brygga uses. The values are persisted in Redis (they are part of every
 * key BullMQ writes): never rename one; add a new one and drain the old instead.
 */
export enum QueueName {
  /** Dropped case-system files waiting to be streamed into per-assignment jobs. */
  CaseDocuments = 'case-documents',
  /** One job per assignment version: validate, map, deliver to the planning tool. */
  Assignments = 'assignments',
  /** Raw schedule exports waiting to be mapped and delivered. */
  ScheduleDocuments = 'schedule-documents',
  /** Repeating jobs: change-feed and schedule polling, daily re-evaluations. */
  Scheduler = 'scheduler',
  /** Runs an operator started that go through the whole store (a rules replay), apart from the flows' jobs. */
  Operations = 'operations',
}

export const ALL_QUEUES: readonly QueueName[] = Object.values(QueueName);
