import { Inject, Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { LastSyncStore, TenantHealthStore, type TenantRequestOutcome } from '@brygga/flow-kernel';
import { BRYGGA_METRICS, type BryggaMetrics } from '@brygga/metrics';
import type { PlanningRequestSample } from '@brygga/planning-tool';
import { RulesService } from '../infrastructure/rules.service';

/**
 * Every planning request this process makes, as it ends: counted and timed by tenant for
 * Prometheus, recorded per tenant in Redis for any process's health and admin answers, and
 * a 2xx as the tenant's last accepted write. Registered once the module is built, never in
 * the constructor.
 */
@Injectable()
export class PlanningRequestsRecorder implements OnModuleInit {
  private readonly logger = new Logger('PlanningRequests');

  constructor(
    private readonly rules: RulesService,
    @Inject(BRYGGA_METRICS) private readonly metrics: BryggaMetrics,
    private readonly health: TenantHealthStore,
    private readonly lastSync: LastSyncStore,
  ) {}

  onModuleInit(): void {
    this.rules.onPlanningRequest((sample) => this.record(sample));
  }

  record(sample: PlanningRequestSample): void {
    const { tenant, statusClass, status, seconds } = sample;
    this.metrics.planningRequests.inc({ tenant, status_class: statusClass });
    this.metrics.planningRequestDuration.observe({ tenant }, seconds);
    // The request's own outcome is decided; a store that fails is told, and must not change it.
    this.stored(this.health.record({ tenant, outcome: outcomeOf(sample), status }), 'tenant health');
    if (statusClass === '2xx') this.stored(this.lastSync.record(`tenant:${tenant}`), 'last sync');
  }

  private stored(write: Promise<void>, what: string): void {
    write.catch((error: Error) => this.logger.warn(`could not record the planning request in ${what}: ${error.message}`));
  }
}

const OUTCOME_OF_CLASS: Record<PlanningRequestSample['statusClass'], TenantRequestOutcome> = {
  '2xx': 'ok',
  '4xx': '4xx',
  '5xx': '5xx',
  timeout: 'timeout',
  network: 'network',
};

function outcomeOf({ statusClass, status }: PlanningRequestSample): TenantRequestOutcome {
  // Our token refused is the tenant unreachable for us, not a payload refused.
  return status === 401 ? '401' : OUTCOME_OF_CLASS[statusClass];
}
