import { Injectable } from '@nestjs/common';
import { Job, UnrecoverableError } from 'bullmq';
import { JobHandlers, type JobHandlerProvider, type JobPayloads } from '@brygga/queue';
import { RulesReplayRunsStore } from './rules-replay-runs.store';
import { RulesReplayService } from './rules-replay.service';

type ReplayJob = Job<JobPayloads['rules.replay']>;

// Progress is written at most this often: a store of many batches is not a write per batch.
const PROGRESS_EVERY_MS = 500;

/**
 * Runs a replay too large to answer at once, in a worker: the run's candidate read from
 * Redis by run id, every flow's store replayed, progress written as it goes, the diff
 * written at the end. A replay sends nothing, so a retry simply starts it again.
 */
@Injectable()
@JobHandlers()
export class RulesReplayProcessor implements JobHandlerProvider {
  constructor(
    private readonly runs: RulesReplayRunsStore,
    private readonly replay: RulesReplayService,
  ) {}

  handlers() {
    return { 'rules.replay': (job: ReplayJob) => this.run(job) };
  }

  async run(job: ReplayJob): Promise<{ outcome: string }> {
    const { v, runId } = job.data;
    if (v !== 1) throw new UnrecoverableError(`rules.replay payload version ${String(v)} is not known to this worker`);
    const [run, text] = await Promise.all([this.runs.get(runId), this.runs.candidateText(runId)]);
    if (!run || text === null) throw new UnrecoverableError(`rules replay run ${runId}: expired or unknown`);
    run.status = 'running';
    run.startedAt = new Date().toISOString();
    run.scanned = 0;
    await this.runs.save(run);
    try {
      let written = 0;
      run.diff = await this.replay.diff(this.replay.candidate(text), async (scanned) => {
        run.scanned = scanned;
        if (Date.now() - written < PROGRESS_EVERY_MS) return;
        written = Date.now();
        await this.runs.save(run);
      });
      run.status = 'done';
    } catch (error) {
      run.status = 'failed';
      run.problem = error instanceof Error ? `${error.name}: ${error.message}` : 'failed';
    }
    run.finishedAt = new Date().toISOString();
    await this.runs.save(run);
    return { outcome: run.status };
  }
}
