import { BadRequestException, Injectable } from '@nestjs/common';
import type { JournalIndex } from './journal-keys';
import { type JournalPage, JournalQueryError, JournalStore } from './journal.store';

/** The business keys the journal answers by (the person goes through the timeline, by POST). */
export const JOURNAL_BUSINESS_KEYS = ['assignmentId', 'decisionId', 'documentId', 'unitId', 'requestId'] as const satisfies readonly JournalIndex[];
export type JournalBusinessKey = (typeof JOURNAL_BUSINESS_KEYS)[number];

export type JournalQuery = Partial<Record<JournalBusinessKey, string>> & { cursor?: string; limit?: number };

const ID = /^[\p{L}\p{N}._:/@#+-]{1,200}$/u;
export const JOURNAL_DEFAULT_LIMIT = 50;
export const JOURNAL_MAX_LIMIT = 200;

/** The journal by one business key, oldest first, paged; a query it cannot run is a 400 naming the parameter. */
@Injectable()
export class JournalQueryService {
  constructor(private readonly store: JournalStore) {}

  async page(query: JournalQuery): Promise<JournalPage & { key: JournalBusinessKey; value: string }> {
    const given = JOURNAL_BUSINESS_KEYS.filter((k) => query[k] !== undefined);
    if (given.length !== 1) throw new BadRequestException(`give exactly one of ${JOURNAL_BUSINESS_KEYS.join(', ')}`);
    const [key] = given;
    const value = query[key] ?? '';
    if (!ID.test(value)) throw new BadRequestException(`${key} must be an id`);
    const limit = query.limit ?? JOURNAL_DEFAULT_LIMIT;
    if (!Number.isInteger(limit) || limit < 1 || limit > JOURNAL_MAX_LIMIT) throw new BadRequestException(`limit must be a whole number from 1 to ${JOURNAL_MAX_LIMIT}`);
    try {
      return { key, value, ...(await this.store.page(key, value, limit, query.cursor)) };
    } catch (error) {
      if (error instanceof JournalQueryError) throw new BadRequestException(error.message);
      throw error;
    }
  }
}
