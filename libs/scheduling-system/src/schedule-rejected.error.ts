import { XmlRefusedError } from '@brygga/xml-intake';

/**
 * The whole export is refused: nothing of it may be applied. `reason` is in words and
 * names rules, fields and ids only, never the value of a personal field.
 */
export class ScheduleRejectedError extends Error {
  constructor(readonly reason: string) {
    super(`schedule export rejected: ${reason}`);
    this.name = 'ScheduleRejectedError';
  }
}

/** The shared intake's refusals, as this adapter's own rejection (what its callers catch). */
export function asScheduleRejection<T>(read: () => T): T {
  try {
    return read();
  } catch (error) {
    if (error instanceof XmlRefusedError) throw new ScheduleRejectedError(error.reason);
    throw error;
  }
}
