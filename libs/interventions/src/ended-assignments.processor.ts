import { Inject, Injectable } from '@nestjs/common';
import { Job, UnrecoverableError } from 'bullmq';
import { TODAY, type Today } from '@brygga/flow-kernel';
import { JOB_IDS, JobHandlers, type JobHandlerProvider, JobProducer, type JobPayloads } from '@brygga/queue';
import { AssignmentStateStore } from './assignment-state.store';

/**
 * Daily: an ended assignment's customer stays active until slutdatum; the day after,
 * its applied version is sent again, and the mapping (knowing today) marks it inactive.
 */
@Injectable()
@JobHandlers()
export class EndedAssignmentsProcessor implements JobHandlerProvider {
  constructor(
    private readonly assignments: AssignmentStateStore,
    private readonly producer: JobProducer,
    @Inject(TODAY) private readonly today: Today,
  ) {}

  handlers() {
    return { 'assignments.end-expired': (job: Job<JobPayloads['assignments.end-expired']>) => this.run(job) };
  }

  async run(job: Job<JobPayloads['assignments.end-expired']>): Promise<{ reapplied: number }> {
    if (job.data.v !== 1) throw new UnrecoverableError(`assignments.end-expired payload version ${String(job.data.v)} is not known`);
    const today = job.data.date ?? this.today();
    const ids = await this.assignments.endedBefore(today);
    const jobs = [];
    for (const assignmentId of ids) {
      const state = await this.assignments.get(assignmentId);
      if (state.appliedVersion === 0) continue;
      jobs.push({
        data: { v: 1 as const, assignmentId, version: state.appliedVersion, reapply: true },
        opts: { jobId: JOB_IDS.assignmentEndedReapply(assignmentId, state.appliedVersion, today) },
      });
    }
    await this.producer.enqueueBulk('assignment.apply', jobs);
    // Forgotten only once queued: a crash before this leaves them listed for the next run (the job ids make a second queueing a no-op).
    await this.assignments.forgetEnded(ids);
    return { reapplied: jobs.length };
  }
}
