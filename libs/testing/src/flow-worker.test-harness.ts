import type { DynamicModule } from '@nestjs/common';
import { Test, type TestingModuleBuilder } from '@nestjs/testing';
import type Redis from 'ioredis';
import { DataSealer, readDataKeyRing } from '@brygga/data-seal';
import { FLOW_LOGGER, FlowKernelModule, KEY_PREFIX, REDIS, RULES, TODAY } from '@brygga/flow-kernel';
import type { MappingRules } from '@brygga/mapping';
import { PlanningClientsRegistry } from '@brygga/planning-tool';
import { JobProducer } from '@brygga/queue';

/** What a process hands a flow; each spec gives its own Redis prefix, planning clients, rules and day. */
export interface FlowInfrastructure {
  redis: Redis;
  prefix: string;
  producer: JobProducer;
  planning: PlanningClientsRegistry;
  rules: () => MappingRules;
  today: () => string;
}

const silentLogger = { log: () => undefined, warn: () => undefined, error: () => undefined };

/** A flow's worker module as a worker builds it: on the kernel, on the spec's infrastructure, with a silent logger. */
export function flowWorkerBuilder(infrastructure: FlowInfrastructure, flow: DynamicModule): TestingModuleBuilder {
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
        { provide: DataSealer, useValue: new DataSealer(readDataKeyRing({})) },
      ]),
      flow,
    ],
  })
    .overrideProvider(FLOW_LOGGER)
    .useValue(silentLogger);
}
