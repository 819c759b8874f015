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
  };
}

export type OperationsKeys = ReturnType<typeof operationsKeys>;
