import type { TestingModule } from '@nestjs/testing';
import { type FlowInfrastructure, flowWorkerBuilder } from '@brygga/testing';
import { SchedulesWorkerModule } from './schedules-worker.module';
import type { SchedulesWorkerOptions } from './schedules.tokens';

/** The schedules flow as a worker builds it: the real modules, on the spec's infrastructure, with a silent logger. */
export async function schedulesWorker(infrastructure: FlowInfrastructure, options: Partial<SchedulesWorkerOptions> = {}): Promise<TestingModule> {
  const schedules = SchedulesWorkerModule.forRoot({ schedulingApi: { url: 'http://127.0.0.1:9', token: 'no-api-in-this-spec', pollSeconds: 0, horizonDays: 28 }, ...options });
  return flowWorkerBuilder(infrastructure, schedules).compile();
}
