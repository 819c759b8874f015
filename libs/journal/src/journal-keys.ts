/** The journal's keys, under the data root every flow shares (one prefix scan finds them). Part of the persisted format. */
export function journalKeys(prefix: string) {
  const base = `${prefix}:data:journal`;
  return {
    /** Every entry, in time order (a Redis stream). */
    stream: `${base}:stream`,
    /** The entries one id is reached by (a sorted set of stream ids, scored by time). */
    index: (field: JournalIndex, value: string) => `${base}:ix:${field}:${value}`,
  };
}

export type JournalKeys = ReturnType<typeof journalKeys>;

/** What the journal is indexed by: the person (keyed hash) and the business keys. */
export const JOURNAL_INDEXES = ['personKey', 'assignmentId', 'decisionId', 'documentId', 'unitId', 'requestId'] as const;
export type JournalIndex = (typeof JOURNAL_INDEXES)[number];
