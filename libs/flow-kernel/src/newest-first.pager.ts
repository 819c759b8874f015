import type Redis from 'ioredis';

/** A place in a sorted set: a member and its score. */
export interface ScoredMember {
  score: number;
  member: string;
}

export interface NewestFirstRead {
  /** Only members strictly after this one in newest-first order (score down, then member down, as Redis orders ties). */
  after?: ScoredMember;
  /** Score bounds, inclusive; absent: unbounded. */
  min?: number;
  max?: number;
  count: number;
}

/** Sorts before every member (nothing is lexically smaller): `after` at it skips every tie of its score. */
export const BEFORE_ALL_MEMBERS = '';
/** Sorts after every member we write (ids and codes are ASCII): `after` at it keeps every tie of its score. */
export const AFTER_ALL_MEMBERS = '\u{10FFFF}';

/**
 * Reads a sorted set newest first, `count` at a time, from a cursor that never skips or
 * repeats a member: scores tie (many entries in one millisecond), so the cursor is the
 * score and the member, and the rest of a tied score is read by itself before the scores
 * below it. A page may exceed `count` by the ties of its first score; callers take what
 * they need. Hand-written because a score-only cursor (or an offset, which shifts as
 * members come and go) is what Redis offers.
 */
export async function readNewestFirst(redis: Redis, key: string, read: NewestFirstRead): Promise<ScoredMember[]> {
  const out: ScoredMember[] = [];
  let upper = read.max === undefined ? '+inf' : String(read.max);
  const lower = read.min === undefined ? '-inf' : String(read.min);
  if (read.after) {
    const { score, member } = read.after;
    if ((read.max === undefined || score <= read.max) && (read.min === undefined || score >= read.min)) {
      // ZREVRANGEBYSCORE answers a tie in reverse lexical order: the members after the cursor are the smaller ones.
      const ties = await redis.zrevrangebyscore(key, score, score);
      for (const m of ties) if (m < member) out.push({ score, member: m });
    }
    upper = read.max !== undefined && score > read.max ? String(read.max) : `(${score}`;
  }
  if (out.length >= read.count) return out;
  const flat = await redis.zrevrangebyscore(key, upper, lower, 'WITHSCORES', 'LIMIT', 0, read.count - out.length);
  for (let i = 0; i + 1 < flat.length; i += 2) out.push({ member: flat[i], score: Number(flat[i + 1]) });
  return out;
}
