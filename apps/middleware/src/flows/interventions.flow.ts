import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { CaseFeedClient, ParsedExport } from '@brygga/case-system';
import type { DocumentSource } from '@brygga/flow-kernel';
import {
  AssignmentIntake,
  AssignmentProcessor,
  CaseFeedPoller,
  CaseFileDropProcessor,
  EndedAssignmentsProcessor,
  InterventionsDeps,
  interventionsStores,
  InterventionsStores,
} from '@brygga/interventions';
import { createPlanningIds } from '@brygga/planning-tool';
import type { JobHandlerProvider } from '@brygga/queue';
import { MIDDLEWARE_CONFIG, MiddlewareConfig } from '../config/middleware.config';
import { RedisService } from '../infrastructure/redis.provider';
import { RulesService } from './rules.service';

const DROP_SCAN_MS = 2000;

/** Wires the interventions flow (case system -> planning tool) for this process's role. */
@Injectable()
export class InterventionsFlow implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('Interventions');
  readonly stores: InterventionsStores;
  private readonly deps: InterventionsDeps;
  private readonly intake: AssignmentIntake;
  private readonly drop?: CaseFileDropProcessor;
  private dropTimer?: NodeJS.Timeout;

  constructor(
    @Inject(MIDDLEWARE_CONFIG) private readonly config: MiddlewareConfig,
    private readonly redis: RedisService,
    private readonly rules: RulesService,
  ) {
    const { prefix } = config.redis;
    this.stores = interventionsStores(redis.redis, prefix);
    this.deps = {
      redis: redis.redis,
      prefix,
      producer: redis.producer,
      rules: () => rules.current(),
      planning: rules.planning,
      ids: createPlanningIds(config.customerIdKey),
      logger: this.logger,
      today: config.today,
    };
    this.intake = new AssignmentIntake(this.stores, redis.producer);
    if (config.caseSystem.dropDir) this.drop = new CaseFileDropProcessor(this.deps, this.stores, this.intake, config.caseSystem.dropDir);
  }

  handlerProviders(): JobHandlerProvider[] {
    const feed = new CaseFeedClient(this.config.caseSystem.url, this.config.caseSystem.token);
    return [
      new AssignmentProcessor(this.deps, this.stores),
      new EndedAssignmentsProcessor(this.deps, this.stores),
      new CaseFeedPoller(this.deps, this.stores, this.intake, feed),
      ...(this.drop ? [this.drop] : []),
    ];
  }

  /**
   * Stores the raw document (for audit and redrive), then its assignments: each valid one
   * stored and queued, each invalid one quarantined. The caller may acknowledge after this.
   */
  async receiveDocument(bytes: Buffer, parsed: ParsedExport, source: DocumentSource): Promise<string> {
    const documentId = await this.stores.documents.put(bytes, { source, system: 'case-system' });
    await this.intake.accept(parsed.results, documentId);
    return documentId;
  }

  async onApplicationBootstrap(): Promise<void> {
    if (!this.config.runsWorkers) return;
    const { pollSeconds } = this.config.caseSystem;
    const producer = this.redis.producer;
    await producer.schedule('case-feed', 'case-feed.poll', pollSeconds > 0 ? { every: pollSeconds * 1000 } : null, { v: 1 });
    await producer.schedule('assignments-ended', 'assignments.end-expired', { pattern: '5 0 * * *', tz: 'Europe/Stockholm' }, { v: 1 });
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
