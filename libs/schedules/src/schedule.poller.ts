import { Inject, Injectable } from '@nestjs/common';
import { Job, UnrecoverableError } from 'bullmq';
import { FLOW_LOGGER, type FlowLogger, LastSyncStore, type PollGate, PollGates, type PollReport, RULES, type RulesAccessor, TODAY, type Today } from '@brygga/flow-kernel';
import type { MappingRules } from '@brygga/mapping';
import { JobHandlers, type JobHandlerProvider, type JobPayloads } from '@brygga/queue';
import { parseScheduleExport, ScheduleRejectedError, SchedulingSystemClient, SchedulingWait } from '@brygga/scheduling-system';
import { addDays, datesOf } from './period-dates';
import { datesToApply, ScheduleStateStore } from './schedule-state.store';
import { ScheduleIntake } from './schedule-intake.service';
import { SchedulesStats } from './schedules-stats.store';
import { POLL_HORIZON_DAYS } from './schedules.tokens';

/** The scheduling system exports at most this many days per document (both ends counted). */
export const MAX_WINDOW_DAYS = 62;
const POLL = 'schedule-poll';

export interface SchedulePollResult extends PollReport {
  units: number;
  fetched: number;
  queued: number;
}

/** `[from, to]` windows of at most MAX_WINDOW_DAYS covering `start` .. `end` inclusive. */
export function pollWindows(start: string, end: string): Array<{ from: string; to: string }> {
  const windows: Array<{ from: string; to: string }> = [];
  for (let from = start; from <= end; from = addDays(from, MAX_WINDOW_DAYS)) {
    const last = addDays(from, MAX_WINDOW_DAYS - 1);
    windows.push({ from, to: last < end ? last : end });
  }
  return windows;
}

/**
 * Pulls every served unit's schedule from today through today + horizon. A document
 * whose revision and period were already applied is dropped before it is stored; the
 * others are stored and applied like a pushed one. 429/503 set a not-before time
 * honouring Retry-After; a lock keeps it to one poller however many workers run.
 */
@Injectable()
@JobHandlers()
export class SchedulePoller implements JobHandlerProvider {
  constructor(
    private readonly gates: PollGates,
    private readonly client: SchedulingSystemClient,
    @Inject(POLL_HORIZON_DAYS) private readonly horizonDays: number,
    private readonly state: ScheduleStateStore,
    private readonly intake: ScheduleIntake,
    private readonly stats: SchedulesStats,
    @Inject(RULES) private readonly rules: RulesAccessor<MappingRules>,
    @Inject(TODAY) private readonly today: Today,
    @Inject(FLOW_LOGGER) private readonly logger: FlowLogger,
    private readonly lastSync: LastSyncStore,
  ) {}

  handlers() {
    return { 'schedule.poll': (job: Job<JobPayloads['schedule.poll']>) => this.poll(job) };
  }

  async poll(job: Job<JobPayloads['schedule.poll']>): Promise<SchedulePollResult> {
    if (job.data.v !== 1) throw new UnrecoverableError(`schedule.poll payload version ${String(job.data.v)} is not known`);
    return this.gate().poll(
      () => this.pollUnits(),
      () => ({ units: 0, fetched: 0, queued: 0 }),
      () => this.stats.increment('failed'),
    );
  }

  private gate(): PollGate {
    return this.gates.named(POLL);
  }

  private async pollUnits(): Promise<SchedulePollResult> {
    const result: SchedulePollResult = { units: 0, fetched: 0, queued: 0 };
    const units = await this.client.units();
    if (units.kind === 'wait') return { ...result, waiting: await this.wait(units) };
    const served = this.rules().units;
    const today = this.today();
    const windows = pollWindows(today, addDays(today, this.horizonDays));
    for (const unitId of units.unitIds.filter((id) => served[id] !== undefined)) {
      result.units++;
      for (const { from, to } of windows) {
        const response = await this.client.schedule(unitId, from, to);
        if (response.kind === 'wait') return { ...result, waiting: await this.wait(response) };
        if (response.kind === 'unknownUnit') {
          await this.stats.increment('pollUnitMissing');
          break;
        }
        result.fetched++;
        if (await this.accept(unitId, response.body)) result.queued++;
      }
    }
    return result;
  }

  /** Stores and queues a fetched document unless it is refused or already applied. */
  private async accept(unitId: string, body: Buffer): Promise<boolean> {
    let revision: number;
    let dates: string[];
    let exportUnit: string;
    try {
      const parsed = parseScheduleExport(body);
      revision = parsed.revision;
      exportUnit = parsed.unit.id;
      dates = datesOf(parsed.periodStart, parsed.periodEnd);
    } catch (error) {
      if (!(error instanceof ScheduleRejectedError)) throw error;
      // The other units still count: one unit's broken export must not hold them back.
      await this.stats.increment('pollRejected');
      this.logger.warn(`scheduling system export of unit ${unitId} rejected: ${error.reason}`);
      return false;
    }
    // Queued when any date of the window is still to apply: the moving window brings new dates at the same revision.
    if (datesToApply(await this.state.unitDates(unitId, dates), revision, dates).length === 0) {
      await this.stats.increment('pollUnchanged');
      // Fetched and found applied already: this unit's roster is in sync as of now.
      await this.lastSync.record(`roster:${unitId}`);
      return false;
    }
    await this.intake.receiveDocument(body, { unitId: exportUnit, revision }, 'feed');
    return true;
  }

  private wait(response: SchedulingWait): Promise<number> {
    return this.gate().waitOn(response, this.logger, 'scheduling system');
  }
}
