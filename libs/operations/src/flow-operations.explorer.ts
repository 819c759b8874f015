import { BadRequestException, Injectable } from '@nestjs/common';
import { DiscoveryService } from '@nestjs/core';
import { type FlowOperations, OperatedFlow } from '@brygga/flow-kernel';

/**
 * Every flow's `@OperatedFlow()` provider, by flow name, found through discovery: the
 * operations lib imports no flow, and a flow shows itself by providing one.
 */
@Injectable()
export class FlowOperationsExplorer {
  constructor(private readonly discovery: DiscoveryService) {}

  all(): FlowOperations[] {
    const flows = this.discovery.getProviders({ metadataKey: OperatedFlow.KEY }).map((wrapper) => {
      const instance: unknown = wrapper.instance;
      if (!isFlowOperations(instance)) throw new Error(`${wrapper.name} is marked @OperatedFlow() but is not a FlowOperations`);
      return instance;
    });
    return flows.sort((a, b) => (a.flow < b.flow ? -1 : a.flow > b.flow ? 1 : 0));
  }

  /** The flow by name; a 400 naming `flow` when there is none. */
  get(flow: string): FlowOperations {
    const found = this.all().find((f) => f.flow === flow);
    if (!found) throw new BadRequestException(`flow must be one of ${this.all().map((f) => f.flow).join(', ')}`);
    return found;
  }
}

function isFlowOperations(value: unknown): value is FlowOperations {
  const v = value as Partial<FlowOperations> | null;
  return typeof v === 'object' && v !== null && typeof v.flow === 'string' && typeof v.canRequeue === 'function' && typeof v.requeue === 'function' && typeof v.stats === 'object';
}
