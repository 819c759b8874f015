import { DynamicModule, Logger, Provider, Type, ValueProvider } from '@nestjs/common';
import { FLOW_LOGGER } from './flow-kernel.tokens';

export interface FlowWorker {
  /** The flow's module, which its jobs stand on (the API process imports it too, without the jobs). */
  flow: Type;
  /** Names the flow in the worker's log lines. */
  logger: string;
  /** The worker's options under the flow's own token, for its scheduler. */
  options: ValueProvider;
  /** Processors, pollers and the scheduler (found by the worker host through `@JobHandlers()`), and what only they use. */
  jobs: Provider[];
}

/** A flow's worker module: what only a worker process adds to a flow, in the same way for every flow. */
export function flowWorkerModule(module: Type, worker: FlowWorker): DynamicModule {
  return {
    module,
    imports: [worker.flow],
    providers: [worker.options, { provide: FLOW_LOGGER, useFactory: () => new Logger(worker.logger) }, ...worker.jobs],
  };
}
