import { JOB_QUEUE, type JobName, type QueueName } from '@brygga/queue';

/**
 * Which flow each job belongs to, for filtering failed jobs by flow. Names as the flows
 * register them (`FlowOperations.flow`); a map, so a new job is one line here.
 */
export const JOB_FLOW: { readonly [K in JobName]: string } = {
  'case-file.import': 'interventions',
  'assignment.apply': 'interventions',
  'case-feed.poll': 'interventions',
  'assignments.end-expired': 'interventions',
  'schedule-document.apply': 'schedules',
  'schedule.poll': 'schedules',
  'staff-skills.reevaluate': 'schedules',
  // Not a flow's job: the rules tools' run over every flow's store.
  'rules.replay': 'rules',
  'reconcile.run': 'reconcile',
  'reconcile.repair': 'reconcile',
  'reconcile.nightly': 'reconcile',
};

export function flowOfJob(name: string): string | undefined {
  return Object.hasOwn(JOB_FLOW, name) ? JOB_FLOW[name as JobName] : undefined;
}

/** The queues that carry any job of the flow. */
export function queuesOfFlow(flow: string): QueueName[] {
  const queues = (Object.keys(JOB_FLOW) as JobName[]).filter((job) => JOB_FLOW[job] === flow).map((job) => JOB_QUEUE[job]);
  return [...new Set(queues)];
}
