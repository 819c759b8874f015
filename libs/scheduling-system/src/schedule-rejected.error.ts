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
