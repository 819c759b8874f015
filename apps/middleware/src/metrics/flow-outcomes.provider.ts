import type { Provider } from '@nestjs/common';
import { FLOW_OUTCOMES, type FlowOutcomeObserver } from '@brygga/flow-kernel';
import { JournalWriter } from '@brygga/journal';
import { BRYGGA_METRICS, type BryggaMetrics } from '@brygga/metrics';

/** The flows' outcomes as metrics (items by flow, outcome and reason code; the end-to-end latency by flow), and their events to the journal. */
export const flowOutcomesProvider: Provider = {
  provide: FLOW_OUTCOMES,
  inject: [BRYGGA_METRICS, JournalWriter],
  useFactory: (metrics: BryggaMetrics, journal: JournalWriter): FlowOutcomeObserver => {
    journal.onFailure = () => metrics.journalWriteFailures.inc();
    return {
    outcome: (flow, outcome, reason) => metrics.applyOutcomes.inc({ flow, outcome, reason }),
    // Accepted by another process: a clock a little behind ours must not give a negative latency.
    confirmed: (flow, acceptedAt) => metrics.endToEndLatency.observe({ flow }, Math.max(0, (Date.now() - acceptedAt) / 1000)),
    event: (event) => journal.write(event),
    eventsIn: (multi, events) => journal.writeIn(multi, events),
    };
  },
};
