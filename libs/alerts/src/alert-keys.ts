/**
 * The alerts' Redis keys, under the kernel's `${prefix}:data` root. Part of the persisted
 * format: change a key only with a migration.
 */
export function alertKeys(prefix: string) {
  const base = `${prefix}:data:alerts`;
  return {
    /** Hash: `<condition>|<subject>` -> `<raise event id> <JSON {condition, subject, since, detail}>`. */
    active: `${base}:active`,
    /** Hash: the same field -> epoch ms of its last transition (a reading older than it changes nothing). */
    lastAt: `${base}:last-at`,
    /** Stream: every raise and clear, trimmed to the journal's retention. */
    events: `${base}:events`,
    /** Sorted set: event ids still to post to the webhook, by when the next attempt is due. */
    outbox: `${base}:outbox`,
    /** Hash: event id -> attempts made. */
    outboxAttempts: `${base}:outbox:attempts`,
    /** When alerts first looked at the feed: the start of its silence before its first change. */
    feedBaseline: `${base}:feed-baseline`,
  };
}

export type AlertKeys = ReturnType<typeof alertKeys>;
