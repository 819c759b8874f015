/** The operations lib's injection tokens. */

/** The data keys of operations' own records (`OperationsKeys`). */
export const OPERATIONS_KEYS = Symbol('brygga:operations-keys');

/** The journal's retention in days (`number`): discard records and audit entries are kept this long. */
export const JOURNAL_RETENTION_DAYS = Symbol('brygga:journal-retention-days');
