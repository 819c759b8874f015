import { DiscoveryService } from '@nestjs/core';
import type { FlowStatsStore, QuarantineEntry } from './flow-stats.store';

/**
 * What a flow shows and offers operations: its counters and quarantine, and how a
 * quarantined entry goes through the flow's normal path again. Each flow module provides
 * one, marked `@OperatedFlow()`; the operations lib finds them through discovery by
 * `flow`, so it never imports a flow and a flow adds itself by adding a provider.
 */
export interface FlowOperations {
  readonly flow: string;
  readonly stats: FlowStatsStore;
  /** Whether the entry has a stored version to start again from (one refused at intake has none). */
  canRequeue(entry: QuarantineEntry): boolean;
  /**
   * Queues the flow's job for the entry's stored version again. `attempt` (unique per
   * requeue) makes its job id new, so an earlier run kept by the queue does not swallow it.
   */
  requeue(entry: QuarantineEntry, attempt: string): Promise<void>;
}

export const OperatedFlow = DiscoveryService.createDecorator<void>();
