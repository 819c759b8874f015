import { type DynamicModule, Module, type Provider } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import type Redis from 'ioredis';
import { adminAccessKeys, AuditLogStore } from '@brygga/admin-access';
import { KEY_PREFIX, REDIS } from '@brygga/flow-kernel';
import { AuditTrailService } from './audit-trail.service';
import { DiscardedJobsStore } from './discarded-jobs.store';
import { FailedJobsReader } from './failed-jobs.reader';
import { FailedJobsService } from './failed-jobs.service';
import { FlowOperationsExplorer } from './flow-operations.explorer';
import { FlowsService } from './flows.service';
import { OperationsAudit } from './operations-audit';
import { operationsKeys } from './operations-keys';
import { MaintenanceService } from './maintenance.service';
import { JOURNAL_RETENTION_DAYS, OPERATIONS_KEYS, RULES_REPLAY_SYNC_MAX } from './operations.tokens';
import { QuarantineService } from './quarantine.service';
import { QueueControlService } from './queue-control.service';
import { RulesOperationsService } from './rules-operations.service';
import { RulesReplayExplorer } from './rules-replay.explorer';
import { RulesReplayService } from './rules-replay.service';
import { RulesToolsService } from './rules-tools.service';
import { RulesVersionsStore } from './rules-versions.store';
import { RulesReplayRunsStore } from './rules-replay-runs.store';
import { ReconcileRunsStore } from './reconcile-runs.store';
import { ReconcileService } from './reconcile.service';
import { TenantsService } from './tenants.service';

export interface OperationsOptions {
  /** JOURNAL_RETENTION_DAYS: how long audit entries and discard records are kept. */
  journalRetentionDays: number;
  /** The process's rules under RULES_CONTROL (a `RulesControl`). */
  rulesControl: Provider;
  /** How an applied rules version reaches every process, under RULES_PROPAGATION (a `RulesPropagation`). */
  rulesPropagation: Provider;
  /** RULES_REPLAY_SYNC_MAX: a replay over more stored items than this runs as a job. */
  rulesReplaySyncMax: number;
}

/** The services the operations surface (the admin API, the page) is built on; on FlowKernelModule's Redis, producer and stores. */
export const OPERATIONS_SERVICES = [QueueControlService, FailedJobsService, QuarantineService, FlowsService, RulesOperationsService, RulesToolsService, TenantsService, MaintenanceService, AuditTrailService, ReconcileService] as const;

@Module({})
export class OperationsModule {
  static register(options: OperationsOptions): DynamicModule {
    const providers: Provider[] = [
      options.rulesControl,
      options.rulesPropagation,
      RulesReplayExplorer,
      RulesReplayService,
      RulesVersionsStore,
      RulesReplayRunsStore,
      ReconcileRunsStore,
      { provide: RULES_REPLAY_SYNC_MAX, useValue: options.rulesReplaySyncMax },
      { provide: JOURNAL_RETENTION_DAYS, useValue: options.journalRetentionDays },
      { provide: OPERATIONS_KEYS, inject: [KEY_PREFIX], useFactory: operationsKeys },
      { provide: AuditLogStore, inject: [REDIS, KEY_PREFIX], useFactory: (redis: Redis, prefix: string) => new AuditLogStore(redis, adminAccessKeys(prefix), options.journalRetentionDays) },
      OperationsAudit,
      DiscardedJobsStore,
      FailedJobsReader,
      FlowOperationsExplorer,
      ...OPERATIONS_SERVICES,
    ];
    // Global: the admin API and the operations page (other modules) inject the same services.
    return { module: OperationsModule, global: true, imports: [DiscoveryModule], providers, exports: [...OPERATIONS_SERVICES, AuditLogStore] };
  }
}
