import { Inject, Injectable, OnApplicationBootstrap, OnApplicationShutdown, Optional } from '@nestjs/common';
import { FLOW_LOGGER, type FlowLogger } from '@brygga/flow-kernel';
import { JobProducer } from '@brygga/queue';
import { CaseFileDropProcessor } from './case-file-drop.processor';
import { INTERVENTIONS_WORKER_OPTIONS, type InterventionsWorkerOptions } from './interventions.tokens';

const DROP_SCAN_MS = 2000;

/**
 * What makes the flow's jobs happen by themselves in a worker: the feed poll and the
 * daily end of expired assignments (BullMQ job schedulers, one however many workers
 * upsert them), and the drop folder's scan when this worker has one. Started once the
 * application is up, not when built.
 */
@Injectable()
export class InterventionsScheduler implements OnApplicationBootstrap, OnApplicationShutdown {
  private dropTimer?: NodeJS.Timeout;

  constructor(
    private readonly producer: JobProducer,
    @Inject(INTERVENTIONS_WORKER_OPTIONS) private readonly options: InterventionsWorkerOptions,
    @Inject(FLOW_LOGGER) private readonly logger: FlowLogger,
    @Optional() private readonly drop?: CaseFileDropProcessor,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const { pollSeconds } = this.options.caseFeed;
    await this.producer.schedule('case-feed', 'case-feed.poll', pollSeconds > 0 ? { every: pollSeconds * 1000 } : null, { v: 1 });
    await this.producer.schedule('assignments-ended', 'assignments.end-expired', { pattern: '5 0 * * *', tz: 'Europe/Stockholm' }, { v: 1 });
    if (this.drop) {
      const drop = this.drop;
      this.dropTimer = setInterval(() => {
        drop.scan().catch((error: Error) => this.logger.error(`file drop scan failed: ${error.message}`));
      }, DROP_SCAN_MS);
    }
    this.logger.log(`case system: feed poll ${pollSeconds > 0 ? `every ${pollSeconds} s` : 'off'}, file drop ${this.drop ? 'on' : 'off'}`);
  }

  onApplicationShutdown(): void {
    if (this.dropTimer) clearInterval(this.dropTimer);
  }
}
