import type { PlanningVisitSlot, TimeOfDay } from '@brygga/domain';
import type { MappingRules } from './mapping-rules.types';

const MINUTES_PER_DAY = 24 * 60;

function toMinutes(hhmm: string): number {
  return Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));
}

function toHhMm(minutes: number): string {
  const m = ((minutes % MINUTES_PER_DAY) + MINUTES_PER_DAY) % MINUTES_PER_DAY;
  return `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
}

/**
 * The visit window of one Tidpunkt: the time of day's window, or the agreed exact time ±
 * the margin, labelled with the time-of-day name. A window that crosses midnight wraps
 * (23:45 ± 30 -> 23:15-00:15), so `latest` before `earliest` means "the next day", the same
 * convention as the natt window 22:00-07:00; clamping instead would break the promise
 * of "within the margin either side".
 */
export function visitSlot(time: TimeOfDay, rules: Pick<MappingRules, 'timesOfDay' | 'exactTimeMarginMinutes'>): PlanningVisitSlot {
  if (time.exactTime === undefined) {
    const window = rules.timesOfDay[time.name];
    return { label: time.name, earliest: window.earliest, latest: window.latest };
  }
  const at = toMinutes(time.exactTime);
  const margin = rules.exactTimeMarginMinutes;
  return { label: time.name, earliest: toHhMm(at - margin), latest: toHhMm(at + margin) };
}
