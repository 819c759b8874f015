import type { Flash } from './page.layout';

/**
 * What an action's redirect says, by code (`?done=redriven`, `?error=not-found`): the URL
 * carries a code, never a message, so nothing a request made up is echoed on the page.
 */
const DONE: ReadonlyMap<string, string> = new Map([
  ['signed-out', 'Signed out.'],
  ['redriven', 'The job is back in its queue with fresh attempts.'],
  ['redriven-matching', 'Every failed job the filter matched is back in its queue.'],
  ['discarded', 'The job is discarded: kept, with your reason, and left out of the failed list.'],
  ['requeued', 'The item goes through its flow again.'],
  ['requeued-matching', 'Every requeueable item the filter matched goes through its flow again.'],
  ['paused', 'The queue is paused: its workers take nothing new until it is resumed.'],
  ['resumed', 'The queue is resumed.'],
  ['rules-accepted', 'The rules were reloaded; the new version is in force.'],
  ['rules-unchanged', 'The rules file holds the version already in force.'],
  ['rules-applied', 'The rules are applied: in force in every process, and the items they change are re-sent.'],
  ['rules-apply-unchanged', 'Those rules are already in force: nothing was re-sent.'],
  ['maintenance-started', "The maintenance window is set: the tenant's writes wait while it is in force."],
  ['maintenance-ended', "The maintenance window is ended: the tenant's waiting writes go at their next turn."],
  ['reconcile-started', 'The reconciliation run is queued: this page reloads itself until it is done.'],
  ['reconcile-repair-queued', "The repair is queued: the run's drifted items go through their flows again. Start a new run afterwards to see what is left."],
]);

const ERROR: ReadonlyMap<string, string> = new Map([
  ['session-ended', 'Your session has ended: sign in again.'],
  ['invalid', 'That was not a valid request (a filter or a field is wrong).'],
  ['not-found', 'Nothing to act on: it is no longer there (another operator, or its worker, got there first).'],
  ['conflict', 'That was already done.'],
  ['rules-refused', 'The rules file was refused; the rules in force stay. The audit log and the process log say why.'],
  ['rules-run-expired', 'That replay run or version is no longer kept: replay the candidate again.'],
  ['rules-apply-refused', 'The rules were not applied (a tenant without a usable planning client, or another apply running); the rules in force stay.'],
  ['reconcile-run-expired', 'That reconciliation run is no longer kept (runs are kept a week): start a new one.'],
  ['reconcile-not-finished', 'Only a finished run is repaired: wait for it to finish.'],
  ['failed', 'That did not work; the process log says why.'],
]);

export function flashOf(query: Record<string, unknown>): Flash | undefined {
  const done = typeof query.done === 'string' ? DONE.get(query.done) : undefined;
  if (done) return { kind: 'done', text: done };
  const error = typeof query.error === 'string' ? ERROR.get(query.error) : undefined;
  return error ? { kind: 'error', text: error } : undefined;
}
