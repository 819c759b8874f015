import { Inject, Injectable } from '@nestjs/common';
import type { DriftItem } from '@brygga/domain';
import { RULES, type RulesAccessor, TODAY, type Today } from '@brygga/flow-kernel';
import type { MappingRules } from '@brygga/mapping';
import { parseScheduleExport, SchedulingSystemClient } from '@brygga/scheduling-system';
import { addDays, datesOf } from './period-dates';
import { ScheduleIntake } from './schedule-intake.service';
import { pollWindows } from './schedule.poller';
import { ScheduleStateStore } from './schedule-state.store';
import { SCHEDULES_FLOW } from './schedules-stats.store';
import { POLL_HORIZON_DAYS } from './schedules.tokens';

interface UnitWindow {
  unitId: string;
  revision: number;
  body: Buffer;
}

/**
 * The scheduling system's schedules over the horizon, unit by served unit, against what
 * the flow applied: a unit whose revision there is newer than every revision applied for
 * its dates in the window (or for which nothing was applied while the export has people)
 * is a roster Brygga never stored, or stored and never applied. Read-only: the poll gate
 * and the poller's state are not touched.
 */
@Injectable()
export class SchedulesUpstream {
  constructor(
    private readonly client: SchedulingSystemClient,
    private readonly state: ScheduleStateStore,
    private readonly intake: ScheduleIntake,
    @Inject(POLL_HORIZON_DAYS) private readonly horizonDays: number,
    @Inject(RULES) private readonly rules: RulesAccessor<MappingRules>,
    @Inject(TODAY) private readonly today: Today,
  ) {}

  async check(): Promise<{ items: DriftItem[]; checked: number }> {
    const items: DriftItem[] = [];
    let checked = 0;
    await this.eachWindow(async ({ unitId, revision }, dates, hasPeople) => {
      checked++;
      const applied = await this.state.unitDates(unitId, dates);
      const newest = Math.max(0, ...[...applied.values()].map((d) => d.revision));
      if ((applied.size === 0 && hasPeople) || (applied.size > 0 && newest < revision)) {
        if (!items.some((i) => i.unitId === unitId && i.revision === revision)) items.push({ flow: SCHEDULES_FLOW, kind: 'rosterRevisionNotApplied', unitId, revision });
      }
    });
    return { items, checked };
  }

  /** The units' windows taken in again through the intake, as a poll would; answers each document taken in (its unit, revision and id). */
  async repair(items: DriftItem[]): Promise<Array<{ unitId: string; revision: number; documentId: string }>> {
    const units = new Set(items.filter((i) => i.kind === 'rosterRevisionNotApplied' && i.unitId).map((i) => i.unitId));
    const taken: Array<{ unitId: string; revision: number; documentId: string }> = [];
    if (units.size === 0) return taken;
    await this.eachWindow(async ({ unitId, revision, body }) => {
      if (!units.has(unitId)) return;
      taken.push({ unitId, revision, documentId: await this.intake.receiveDocument(body, { unitId, revision }, 'feed') });
    });
    return taken;
  }

  private async eachWindow(handle: (window: UnitWindow, dates: string[], hasPeople: boolean) => Promise<void>): Promise<void> {
    const units = await this.client.units();
    if (units.kind === 'wait') throw new Error('scheduling system asked to wait: upstream check incomplete');
    const served = this.rules().units;
    const today = this.today();
    for (const unitId of units.unitIds.filter((id) => served[id] !== undefined).sort()) {
      for (const { from, to } of pollWindows(today, addDays(today, this.horizonDays))) {
        const response = await this.client.schedule(unitId, from, to);
        if (response.kind === 'wait') throw new Error('scheduling system asked to wait: upstream check incomplete');
        if (response.kind === 'unknownUnit') break;
        const parsed = parseScheduleExport(response.body);
        const dates = datesOf(parsed.periodStart, parsed.periodEnd);
        await handle({ unitId: parsed.unit.id, revision: parsed.revision, body: response.body }, dates, parsed.employees.length > 0);
      }
    }
  }
}
