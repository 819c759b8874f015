import type { ChainableCommander } from 'ioredis';
import type { ReasonCode } from '@brygga/domain';
import type { FlowEvent } from './flow-event';

/** What became of one item (an assignment version, a unit's roster, an employee of it). */
export type FlowOutcome = 'applied' | 'skipped' | 'quarantined';

/**
 * Why: a catalogue code for a quarantine, else one of a few fixed words. Closed sets only,
 * as these become metric labels: never an id or a value from a document.
 */
export type FlowOutcomeReason = ReasonCode | 'none' | 'deleted' | 'stale' | 'superseded' | 'not-served';

/**
 * Told of each flow's outcomes once they are recorded (after the processor's transaction
 * ran), and of each document's writes confirmed by the planning tool. The process wires it
 * to its metrics; the kernel's default does nothing, so a test need not provide one.
 */
export interface FlowOutcomeObserver {
  outcome(flow: string, outcome: FlowOutcome, reason: FlowOutcomeReason): void;
  /** A job's writes were confirmed; `acceptedAt` (epoch ms) is when its document was accepted. */
  confirmed(flow: string, acceptedAt: number): void;
  /**
   * One thing that happened, with its ids, for the journal. Optional: an observer that
   * keeps no journal (metrics, a test's) leaves it out. Called after the fact, never
   * awaited: the journal is observability, its own failures are its own (see @brygga/journal).
   */
  event?(event: FlowEvent): void;
  /**
   * The same events written as part of a caller's transaction (an intake's, whose 202 then
   * covers them). Optional: without it the caller tells `event` once its transaction ran.
   */
  eventsIn?(multi: ChainableCommander, events: readonly FlowEvent[]): void;
}

/** Where the flows find the observer (`FlowOutcomeObserver`). */
export const FLOW_OUTCOMES = Symbol('brygga:flow-outcomes');

export const NO_FLOW_OUTCOMES: FlowOutcomeObserver = {
  outcome: () => undefined,
  confirmed: () => undefined,
};
