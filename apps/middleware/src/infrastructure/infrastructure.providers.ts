import type { Provider } from '@nestjs/common';
import { DataSealer } from '@brygga/data-seal';
import { createPersonKeys, DOCUMENT_RETENTION_SECONDS, KEY_PREFIX, PERSON_KEYS, REDIS, RULES, TENANT_BREAKER_OPTIONS, TODAY } from '@brygga/flow-kernel';
import { journalProviders } from '@brygga/journal';
import { PlanningClientsRegistry } from '@brygga/planning-tool';
import { JobProducer } from '@brygga/queue';
import { MIDDLEWARE_CONFIG, MiddlewareConfig } from '../config/middleware.config';
import { flowOutcomesProvider } from '../metrics/flow-outcomes.provider';
import { metricsProvider } from '../metrics/metrics.provider';
import { PlanningRequestsRecorder } from '../metrics/planning-requests.recorder';
import { RedisService, redisServiceProvider } from './redis.provider';
import { RulesPropagationService } from './rules-propagation.service';
import { RulesService } from './rules.service';
import { TenantGateInstaller } from './tenant-gate.installer';

/**
 * What this process owns and hands to the flows (through FlowKernelModule): its config,
 * its Redis connection and producer, the rules in force and the planning clients they
 * name, its clock, its metrics and what feeds them. Everything here is built once; nothing else builds these.
 */
export function infrastructureProviders(config: MiddlewareConfig, rules: RulesService): Provider[] {
  return [
    { provide: MIDDLEWARE_CONFIG, useValue: config },
    { provide: RulesService, useValue: rules },
    redisServiceProvider,
    { provide: REDIS, inject: [RedisService], useFactory: (redis: RedisService) => redis.redis },
    { provide: JobProducer, inject: [RedisService], useFactory: (redis: RedisService) => redis.producer },
    { provide: KEY_PREFIX, useValue: config.redis.prefix },
    // One sealer for the process: the stores seal personal data with it, opened only within a job.
    { provide: DataSealer, useValue: new DataSealer(config.dataKeys) },
    { provide: TODAY, useValue: config.today },
    // Read per job, so a reload of the rules takes effect between jobs.
    { provide: RULES, useValue: () => rules.current() },
    { provide: PlanningClientsRegistry, useValue: rules.planning },
    // Rules applied through the admin API reach this process too (pub/sub, and a check every few seconds).
    RulesPropagationService,
    // Before every planning send: the tenant's maintenance windows and circuit breaker (TENANT_BREAKER_*).
    { provide: TENANT_BREAKER_OPTIONS, useValue: config.tenantBreaker },
    TenantGateInstaller,
    // The journal's person keys: keyed by CUSTOMER_ID_KEY (domain-separated from the customer ids it also keys).
    { provide: PERSON_KEYS, useValue: createPersonKeys(config.customerIdKey) },
    ...journalProviders(config.admin.auditRetentionDays),
    // Raw documents and versions kept for redrive as long as the journal that names them, and no longer.
    { provide: DOCUMENT_RETENTION_SECONDS, useValue: config.admin.auditRetentionDays * 24 * 3600 },
    metricsProvider,
    flowOutcomesProvider,
    PlanningRequestsRecorder,
  ];
}
