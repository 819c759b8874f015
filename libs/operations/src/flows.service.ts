import { Injectable } from '@nestjs/common';
import { type LastSyncs, LastSyncStore } from '@brygga/flow-kernel';
import { FlowOperationsExplorer } from './flow-operations.explorer';

export interface FlowsOverview {
  /** Each flow's counters (`received`, `applied`, `quarantined`, `quarantined:<code>`, ...): totals since the data began. */
  flows: Record<string, Record<string, number>>;
  /** The last successful sync per source: the feed's poll, each unit's roster, each tenant's last accepted write. */
  lastSync: LastSyncs;
}

/** What each flow has done, and when each source last synced. */
@Injectable()
export class FlowsService {
  constructor(
    private readonly flows: FlowOperationsExplorer,
    private readonly lastSyncs: LastSyncStore,
  ) {}

  async overview(): Promise<FlowsOverview> {
    const flows = this.flows.all();
    const [counters, lastSync] = await Promise.all([Promise.all(flows.map((f) => f.stats.read())), this.lastSyncs.readAll()]);
    return { flows: Object.fromEntries(flows.map((f, i) => [f.flow, counters[i]])), lastSync };
  }
}
