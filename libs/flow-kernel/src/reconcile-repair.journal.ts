import type { DriftItem, PlanningOperation } from '@brygga/domain';
import type { FlowEvent, FlowEventRefs } from './flow-event';
import type { FlowOutcomeObserver } from './flow-outcome.observer';
import { planningAnswerOf } from './planning-answer';
import type { RepairAttempt } from './reconcile';

/** One record a repair touches, as the journal names it: its ids (tenant and customer, staff member, assignment or unit) and its person by keyed hash. */
export interface RepairSubject {
  refs: FlowEventRefs;
  personKey?: string;
}

/**
 * A `reconcile.repair` entry: the run and the record's ids, the drift kinds repaired as its
 * reasons, the attempt and who asked (`schedule` or `operator`) in its detail. Ids and codes
 * only, as every entry: the person is the keyed hash, never a value of the record.
 */
export function repairEvent(attempt: RepairAttempt, subject: RepairSubject, items: readonly DriftItem[], status: string, extra: Pick<FlowEvent, 'rulesVersion' | 'answer' | 'detail'> = {}): FlowEvent {
  return {
    kind: 'reconcile.repair',
    status,
    refs: { runId: attempt.runId, ...subject.refs },
    ...(subject.personKey !== undefined && { personKey: subject.personKey }),
    ...(extra.rulesVersion !== undefined && { rulesVersion: extra.rulesVersion }),
    ...(extra.answer !== undefined && { answer: extra.answer }),
    reasons: [...new Set(items.map((i) => i.kind))].sort(),
    detail: { attempt: attempt.attempt, by: attempt.by, ...extra.detail },
  };
}

/**
 * Sends one record's repair writes and journals what the planning tool answered, as the
 * flows journal their `planning.write`: `accepted` (2xx), or the refusal or failure with its
 * answer, then thrown on (a repair that failed is the run's to report, never swallowed here).
 * Nothing to send is `unchanged`, and sends nothing.
 */
export async function sendRepairWrites(
  outcomes: FlowOutcomeObserver,
  repair: { attempt: RepairAttempt; subject: RepairSubject; items: readonly DriftItem[]; rulesVersion: string; operations: readonly PlanningOperation[] },
  send: () => Promise<void>,
): Promise<void> {
  const { attempt, subject, items, rulesVersion, operations } = repair;
  const tell = (status: string, answer?: { status: string; code?: string }) =>
    outcomes.event?.(repairEvent(attempt, subject, items, status, { rulesVersion, answer, detail: { ...(operations.length > 0 && { operations: [...new Set(operations.map((o) => o.kind))].join('+') }), count: operations.length } }));
  if (operations.length === 0) {
    tell('unchanged');
    return;
  }
  try {
    await send();
  } catch (error) {
    tell(...planningAnswerOf(error));
    throw error;
  }
  tell('accepted', { status: '2xx' });
}

/**
 * Repairs each record on its own: one that fails (refused, its tenant down, its lock held) is
 * journaled by its own send and keeps none of the others from theirs. Once all were tried, the
 * first failure is thrown on, naming how many failed, for the run to report. Answers the
 * operations sent.
 */
export async function repairEach<T>(records: Iterable<T>, repair: (record: T) => Promise<number>): Promise<number> {
  let sent = 0;
  let failed = 0;
  let first: unknown;
  for (const record of records) {
    try {
      sent += await repair(record);
    } catch (error) {
      failed++;
      first ??= error;
    }
  }
  if (failed === 0) return sent;
  if (failed === 1) throw first;
  const message = first instanceof Error ? first.message : String(first);
  throw new Error(`${failed} records failed to repair (the others were sent); the first: ${message}`, { cause: first });
}
