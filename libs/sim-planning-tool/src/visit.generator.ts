import { createHash } from 'node:crypto';
import { DateTime } from 'luxon';
import type { PlanningServiceOrder, PlanningVisitSlot, PlanningWeekday } from '@brygga/domain';
import type { PerformedVisit } from './performed-visit.types';
import type { CustomerRecord, TenantState } from './planning-tool.store';

const ZONE = 'Europe/Stockholm';
const WEEKDAYS: PlanningWeekday[] = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'];
/** Slot starts for service orders that name a number of visits but no times. */
const DEFAULT_STARTS = ['08:00', '12:00', '17:00', '20:00', '22:00'];

/** A stable pseudo-random number from a string, so the same day always yields the same visits. */
function spread(seed: string, modulo: number): number {
  return createHash('sha1').update(seed).digest().readUInt32BE(0) % modulo;
}

function isoWeekStart(d: DateTime): DateTime {
  return d.startOf('week');
}

/** Whether the order's schedule has visits on `day` (a Stockholm calendar day). */
function plannedOn(order: PlanningServiceOrder, day: DateTime): boolean {
  const from = DateTime.fromISO(order.validFrom, { zone: ZONE });
  if (day < from) return false;
  if (order.validTo && day > DateTime.fromISO(order.validTo, { zone: ZONE })) return false;
  const s = order.schedule;
  const rules: Record<PlanningServiceOrder['schedule']['kind'], () => boolean> = {
    DAILY: () => true,
    WEEKLY: () => {
      const weekdays = s.weekdays ?? [WEEKDAYS[from.weekday - 1]];
      if (!weekdays.includes(WEEKDAYS[day.weekday - 1])) return false;
      const weeks = Math.round(isoWeekStart(day).diff(isoWeekStart(from), 'weeks').weeks);
      return weeks % (s.everyNthWeek ?? 1) === 0;
    },
    MONTHLY: () => day.day === from.day,
    ON_DEMAND: () => false,
  };
  return rules[s.kind]();
}

function slotsOf(order: PlanningServiceOrder): PlanningVisitSlot[] {
  if (order.schedule.visits && order.schedule.visits.length > 0) return order.schedule.visits;
  const count = order.schedule.kind === 'DAILY' ? Math.min(order.schedule.visitsPerPeriod ?? 1, DEFAULT_STARTS.length) : 1;
  return DEFAULT_STARTS.slice(0, count).map((t) => ({ earliest: t, latest: t }));
}

function staffFor(tenant: TenantState, record: CustomerRecord, wanted: number, seed: string): string[] {
  const chosen = [...(record.customer.contactStaffIds ?? [])];
  if (chosen.length < wanted) {
    const team = [...tenant.staff]
      .filter(([id, s]) => s.staff.teamId === record.customer.teamId && s.staff.active !== false && !chosen.includes(id))
      .map(([id]) => id)
      .sort();
    let i = team.length > 0 ? spread(seed, team.length) : 0;
    while (chosen.length < wanted && team.length > 0) {
      chosen.push(team.splice(i % team.length, 1)[0]);
      i++;
    }
  }
  return chosen.slice(0, wanted);
}

function customerActiveOn(record: CustomerRecord, date: string): boolean {
  if (record.customer.activeUntil && record.customer.activeUntil < date) return false;
  return record.customer.active;
}

/**
 * Plausible performed visits for one day, from the service orders the tenant holds:
 * one visit per time slot, staffed by the fixed care contacts (else staff of the
 * customer's team), arriving 0 to 14 minutes late and staying the planned minutes.
 * Deterministic for a given state and date; sorted by arrival.
 */
export function generateVisits(tenant: TenantState, date: string): PerformedVisit[] {
  const day = DateTime.fromISO(date, { zone: ZONE });
  const visits: PerformedVisit[] = [];
  for (const [customerId, record] of tenant.customers) {
    if (!customerActiveOn(record, date)) continue;
    for (const [orderId, order] of record.serviceOrders) {
      if (!plannedOn(order, day)) continue;
      slotsOf(order).forEach((slot, index) => {
        const visitId = `PV-${date}-${customerId}-${orderId}-${index + 1}`;
        const [hour, minute] = slot.earliest.split(':').map(Number);
        const planned = day.set({ hour, minute });
        const arrived = planned.plus({ minutes: spread(visitId, 15) });
        const left = arrived.plus({ minutes: order.minutesPerVisit });
        visits.push({
          visitId,
          customerId,
          serviceOrderIds: [orderId],
          staffIds: staffFor(tenant, record, order.staffPerVisit, visitId),
          plannedStart: planned.toISO({ suppressMilliseconds: true }) ?? '',
          arrived: arrived.toISO({ suppressMilliseconds: true }) ?? '',
          left: left.toISO({ suppressMilliseconds: true }) ?? '',
        });
      });
    }
  }
  return visits.sort((a, b) => (a.arrived < b.arrived ? -1 : a.arrived > b.arrived ? 1 : 0));
}
