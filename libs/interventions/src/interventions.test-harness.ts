import type { TestingModule, TestingModuleBuilder } from '@nestjs/testing';
import { type FlowInfrastructure, flowWorkerBuilder } from '@brygga/testing';
import { InterventionsWorkerModule } from './interventions-worker.module';
import type { InterventionsWorkerOptions } from './interventions.tokens';

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
  const interventions = InterventionsWorkerModule.forRoot({
    customerIdKey: TEST_CUSTOMER_ID_KEY,
    caseFeed: { url: 'http://127.0.0.1:9', token: 'no-feed-in-this-spec', pollSeconds: 0 },
    ...options,
  });
  return override(flowWorkerBuilder(infrastructure, interventions)).compile();
}
