import { Test, type TestingModule } from '@nestjs/testing';
import type Redis from 'ioredis';
import { FLOW_LOGGER, FlowKernelModule, KEY_PREFIX, REDIS, RULES, TODAY } from '@brygga/flow-kernel';
import type { MappingRules } from '@brygga/mapping';
import { PlanningClientsRegistry } from '@brygga/planning-tool';
import { JobProducer } from '@brygga/queue';
import { SchedulesWorkerModule } from './schedules-worker.module';
import type { SchedulesWorkerOptions } from './schedules.tokens';

/** What a process hands the flow; each spec gives its own Redis prefix, planning clients, rules and day. */
export interface FlowInfrastructure {
  redis: Redis;
  prefix: string;
  producer: JobProducer;
  planning: PlanningClientsRegistry;
  rules: () => MappingRules;
  today: () => string;
}

const silentLogger = { log: () => undefined, warn: () => undefined, error: () => undefined };

/** The schedules flow as a worker builds it: the real modules, on the spec's infrastructure, with a silent logger. */
export async function schedulesWorker(infrastructure: FlowInfrastructure, options: Partial<SchedulesWorkerOptions> = {}): Promise<TestingModule> {
  const { redis, prefix, producer, planning, rules, today } = infrastructure;
  return Test.createTestingModule({
    imports: [
      FlowKernelModule.forRoot([
        { provide: REDIS, useValue: redis },
        { provide: KEY_PREFIX, useValue: prefix },
        { provide: JobProducer, useValue: producer },
        { provide: PlanningClientsRegistry, useValue: planning },
        { provide: RULES, useValue: rules },
        { provide: TODAY, useValue: today },
      ]),
      SchedulesWorkerModule.forRoot({ schedulingApi: { url: 'http://127.0.0.1:9', token: 'no-api-in-this-spec', pollSeconds: 0, horizonDays: 28 }, ...options }),
    ],
  })
    .overrideProvider(FLOW_LOGGER)
    .useValue(silentLogger)
    .compile();
}
