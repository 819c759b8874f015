import type { TestingModule, TestingModuleBuilder } from '@nestjs/testing';
import { type FlowInfrastructure, flowWorkerBuilder } from '@brygga/testing';
import { SchedulesWorkerModule } from './schedules-worker.module';
import type { SchedulesWorkerOptions } from './schedules.tokens';

/**
 * The schedules flow as a worker builds it: the real modules, on the spec's infrastructure,
 * with a silent logger. `override` replaces a provider (a store that dies midway) the way
 * Nest's testing module does.
 */
export async function schedulesWorker(
  infrastructure: FlowInfrastructure,
  options: Partial<SchedulesWorkerOptions> = {},
  override: (builder: TestingModuleBuilder) => TestingModuleBuilder = (builder) => builder,
): Promise<TestingModule> {
  const schedules = SchedulesWorkerModule.forRoot({ schedulingApi: { url: 'http://127.0.0.1:9', token: 'no-api-in-this-spec', pollSeconds: 0, horizonDays: 28 }, ...options });
  return override(flowWorkerBuilder(infrastructure, schedules)).compile();
}
