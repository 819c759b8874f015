import { DocumentRejectedError, ParsedExport, parseUppdragsexport } from '@brygga/case-system';
import type { ExportOrder } from '@brygga/schedules';
import { parseScheduleExport, ScheduleRejectedError } from '@brygga/scheduling-system';

/** The document parsed, or its own problem in words (a 400 for the sender). */
export type PushParse<T> = { ok: true; parsed: T } | { ok: false; rejection: string };

/**
 * How each pushing system's document is read at the door. Plain functions of bytes with
 * plain-data answers: they run on the API's event loop for small documents and in a parse
 * thread for large ones (push-parse.pool.ts), with the same answers.
 */
export const PUSH_PARSERS = {
  /** Refuses whole-document problems only: a bad assignment inside is quarantined, not refused. */
  'case-system': (bytes: Uint8Array): PushParse<ParsedExport> => {
    try {
      return { ok: true, parsed: parseUppdragsexport(asBuffer(bytes)) };
    } catch (error) {
      if (error instanceof DocumentRejectedError) return { ok: false, rejection: error.message };
      throw error;
    }
  },
  /**
   * Refuses whole-document problems only: a bad employee inside is quarantined later. The
   * apply job parses again: a whole export is too big to travel in a job.
   */
  'scheduling-system': (bytes: Uint8Array): PushParse<ExportOrder> => {
    try {
      const { unit, revision } = parseScheduleExport(asBuffer(bytes));
      return { ok: true, parsed: { unitId: unit.id, revision } };
    } catch (error) {
      if (error instanceof ScheduleRejectedError) return { ok: false, rejection: error.reason };
      throw error;
    }
  },
};

export type PushSystem = keyof typeof PUSH_PARSERS;
export type PushParsed<S extends PushSystem> = ReturnType<(typeof PUSH_PARSERS)[S]>;

/** Bytes that crossed a thread arrive as a plain Uint8Array; the parsers read Buffers. */
function asBuffer(bytes: Uint8Array): Buffer {
  return Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}
