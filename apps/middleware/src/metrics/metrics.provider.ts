import type { Provider } from '@nestjs/common';
import { BRYGGA_METRICS, createBryggaMetrics, JOB_STATES, type JobState } from '@brygga/metrics';
import { JobProducer } from '@brygga/queue';
import { RulesService } from '../infrastructure/rules.service';

/**
 * This process's metrics: queue depths read from Redis when Prometheus scrapes (every
 * process shows the same cluster-wide depths; take `max by (queue, state)`), and the
 * rules in force and their reloads followed as they happen.
 */
export const metricsProvider: Provider = {
  provide: BRYGGA_METRICS,
  inject: [JobProducer, RulesService],
  useFactory: (producer: JobProducer, rules: RulesService) => {
    const metrics = createBryggaMetrics(async () => {
      const out: Record<string, Partial<Record<JobState, number>>> = {};
      for (const queue of producer.allQueues()) out[queue.name] = await queue.getJobCounts(...JOB_STATES);
      return out;
    });
    metrics.rulesInfo.set({ version: rules.current().version }, 1);
    rules.onReload((outcome, version) => {
      metrics.rulesReloads.inc({ outcome });
      if (outcome === 'accepted') {
        metrics.rulesInfo.reset();
        metrics.rulesInfo.set({ version }, 1);
      }
    });
    return metrics;
  },
};
