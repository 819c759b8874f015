import { Test, type TestingModule, type TestingModuleBuilder } from '@nestjs/testing';
import type Redis from 'ioredis';
import { FLOW_LOGGER, FlowKernelModule, KEY_PREFIX, REDIS, RULES, TODAY } from '@brygga/flow-kernel';
import type { MappingRules } from '@brygga/mapping';
import { PlanningClientsRegistry } from '@brygga/planning-tool';
import { JobProducer } from '@brygga/queue';
import { InterventionsWorkerModule } from './interventions-worker.module';
import type { InterventionsWorkerOptions } from './interventions.tokens';
import { silentLogger } from './planning-sim.test-harness';

/** What a process hands the flow; each spec gives its own Redis prefix, planning clients, rules and day. */
export interface FlowInfrastructure {
  redis: Redis;
  prefix: string;
  producer: JobProducer;
  planning: PlanningClientsRegistry;
  rules: () => MappingRules;
  today: () => string;
}

/** The key the specs' customer ids are made with (`createPlanningIds(TEST_CUSTOMER_ID_KEY)` gives the same ids). */
export const TEST_CUSTOMER_ID_KEY = 'test-key-0123456789';

/**
 * The interventions flow as a worker builds it: the real modules, on the spec's
 * infrastructure, with a silent logger. `override` replaces a provider (a store that dies
 * midway, a producer that fails) the way Nest's testing module does.
 */
export async function interventionsWorker(
  infrastructure: FlowInfrastructure,
  options: Partial<InterventionsWorkerOptions> = {},
  override: (builder: TestingModuleBuilder) => TestingModuleBuilder = (builder) => builder,
): Promise<TestingModule> {
  const { redis, prefix, producer, planning, rules, today } = infrastructure;
  const builder = Test.createTestingModule({
    imports: [
      FlowKernelModule.forRoot([
        { provide: REDIS, useValue: redis },
        { provide: KEY_PREFIX, useValue: prefix },
        { provide: JobProducer, useValue: producer },
        { provide: PlanningClientsRegistry, useValue: planning },
        { provide: RULES, useValue: rules },
        { provide: TODAY, useValue: today },
      ]),
      InterventionsWorkerModule.forRoot({
        customerIdKey: TEST_CUSTOMER_ID_KEY,
        caseFeed: { url: 'http://127.0.0.1:9', token: 'no-feed-in-this-spec', pollSeconds: 0 },
        ...options,
      }),
    ],
  })
    .overrideProvider(FLOW_LOGGER)
    .useValue(silentLogger);
  return override(builder).compile();
}
