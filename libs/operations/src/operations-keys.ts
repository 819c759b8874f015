import { kernelKeys } from '@brygga/flow-kernel';

/**
 * Operations' own Redis keys, under the kernel's `${prefix}:data` root beside the flows'
 * (never inside BullMQ's `${prefix}:<queue>:*`). Part of the persisted format: change a
 * key only with a migration.
 */
export function operationsKeys(prefix: string) {
  const base = `${kernelKeys(prefix).base}:ops`;
  return {
    /** Discarded failed jobs by discard time (member `<queue>:<jobId>`). */
    discardedByTime: `${base}:discarded:by-time`,
    /** The same members' records (JSON). */
    discarded: `${base}:discarded`,
    /** The rules versions applied through the admin API, oldest first (JSON `RulesVersion`). */
    rulesVersions: `${base}:rules:versions`,
    /** Hash: rules version -> the rules file's text of that version (to apply it again). */
    rulesTexts: `${base}:rules:texts`,
    /** The rules version last applied (every process compares its own with it). */
    rulesInForce: `${base}:rules:in-force`,
    /** Pub/sub channel: a rules version was applied; every process takes the file again. */
    rulesApplied: `${base}:rules:applied`,
    /** Hash: process id -> JSON `{version, at}`: the rules each live process holds, refreshed while it runs. */
    rulesProcesses: `${base}:rules:processes`,
    /** Held while one apply runs: two applies never interleave. */
    rulesApplyLock: `${base}:rules:apply-lock`,
    /** A replay run's state (JSON) and its candidate rules' text, by run id. */
    rulesReplayRun: (runId: string) => `${base}:rules:replay:${runId}`,
    rulesReplayCandidate: (runId: string) => `${base}:rules:replay:${runId}:candidate`,
    /** A reconciliation run (JSON, with its drift items), by run id. */
    reconcileRun: (runId: string) => `${base}:reconcile:run:${runId}`,
    /** Recent reconciliation run ids, newest first (a capped list). */
    reconcileRuns: `${base}:reconcile:runs`,
    /** The last finished run's summary (JSON `ReconcileSummary`): what the metrics and the reconcile-drift alert read. */
    reconcileLast: `${base}:reconcile:last`,
    /** Held (LockSet, a renewed lease) while a run reads the planning tool: one run at a time across every process, each at RECONCILE_MAX_RPS. */
    reconcileRunLock: `${base}:reconcile:run-lock`,
    /** The id of the run that last took `reconcileRunLock` (what a waiting run's record names; no TTL of its own beyond a run's week). */
    reconcileRunLockHolder: `${base}:reconcile:run-lock:holder`,
  };
}

export type OperationsKeys = ReturnType<typeof operationsKeys>;
