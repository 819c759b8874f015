/** The operations lib's injection tokens. */

/** The data keys of operations' own records (`OperationsKeys`). */
export const OPERATIONS_KEYS = Symbol('brygga:operations-keys');

/** The journal's retention in days (`number`): discard records and audit entries are kept this long. */
export const JOURNAL_RETENTION_DAYS = Symbol('brygga:journal-retention-days');

/** RULES_REPLAY_SYNC_MAX (`number`): a rules replay over more stored items than this runs as a job. */
export const RULES_REPLAY_SYNC_MAX = Symbol('brygga:rules-replay-sync-max');

/** The worker side's reconciliation settings (`ReconcileSettings`). */
export const RECONCILE_SETTINGS = Symbol('brygga:reconcile-settings');
