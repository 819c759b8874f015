import { Injectable } from '@nestjs/common';
import { DiscoveryService } from '@nestjs/core';
import { type FlowRulesReplay, ReplayedFlow } from '@brygga/flow-kernel';

/** Every flow's `@ReplayedFlow()` provider, found through discovery (operations import no flow), in flow-name order. */
@Injectable()
export class RulesReplayExplorer {
  constructor(private readonly discovery: DiscoveryService) {}

  all(): FlowRulesReplay[] {
    const flows = this.discovery.getProviders({ metadataKey: ReplayedFlow.KEY }).map((wrapper) => {
      const instance: unknown = wrapper.instance;
      if (!isFlowRulesReplay(instance)) throw new Error(`${wrapper.name} is marked @ReplayedFlow() but is not a FlowRulesReplay`);
      return instance;
    });
    // A process of both roles may hold a flow's provider twice (the API's module and the worker's): each flow is replayed once.
    const byFlow = new Map(flows.map((f) => [f.flow, f]));
    return [...byFlow.values()].sort((a, b) => (a.flow < b.flow ? -1 : a.flow > b.flow ? 1 : 0));
  }
}

function isFlowRulesReplay(value: unknown): value is FlowRulesReplay {
  const v = value as Partial<FlowRulesReplay> | null;
  return typeof v === 'object' && v !== null && typeof v.flow === 'string' && typeof v.dryRun === 'function' && typeof v.replay === 'function' && typeof v.resend === 'function' && typeof v.size === 'function';
}
