import type Redis from 'ioredis';
import { type AdminRole, isAdminRole } from './admin-role';
import type { AdminAccessKeys } from './admin-access-keys';

/** One operator or admin action: who (by token name), what, on what, how it ended. Ids and codes only. */
export interface AuditEntry {
  /** The stream id: unique, in time order, and the cursor for `before`. */
  id: string;
  at: string;
  tokenName: string;
  role: AdminRole;
  /** A code such as `jobs.redrive`, `queue.pause`, `rules.reload`. */
  action: string;
  /** A job id, a queue name, a reason code; absent when the action has none. */
  target?: string;
  /** A code such as `ok`, `not-found`, `failed`. */
  outcome: string;
  requestId: string;
}

export type NewAuditEntry = Omit<AuditEntry, 'id' | 'at'>;

export interface AuditQuery {
  /** 1 to 1000; 50 when absent. */
  limit?: number;
  /** Only entries older than this entry id (the `next` of the page before). */
  before?: string;
  action?: string;
  tokenName?: string;
}

export interface AuditPage {
  entries: AuditEntry[];
  /** Where the next page starts (`before`), when there may be one. */
  next?: string;
}

/** A query the store cannot run; the message names the parameter, for a 400. */
export class AuditQueryError extends Error {
  override readonly name = 'AuditQueryError';
}

// Ids and codes: no spaces, so free text (a name, an address, a message) cannot be stored by mistake.
const CODE = /^[A-Za-z0-9._:/@#-]{1,200}$/;
const STREAM_ID = /^\d{1,15}-\d{1,15}$/;
const DEFAULT_LIMIT = 50;
const MAX_LIMIT = 1000;
// A filtered listing reads at most this many entries per page; past it the page ends early with a `next`.
const MAX_SCANNED = 10_000;
const BATCH = 200;
const DAY_MS = 24 * 3600 * 1000;
const FIELDS = ['tokenName', 'role', 'action', 'target', 'outcome', 'requestId'] as const;

/**
 * The audit log, a Redis stream. A stream rather than a sorted set because its ids are
 * unique and in time order by construction: newest-first paging is XREVRANGE from an
 * exclusive id, a cursor that never skips or repeats entries written in the same
 * millisecond (scores in a sorted set would tie), and retention is the same XADD with
 * MINID. Trimming is exact, not `~`: audit writes are a person's actions, few enough that
 * exactness costs nothing, and an entry past retention is then really gone. The key also
 * expires a retention after the last write, so an idle log does not outlive its period.
 */
export class AuditLogStore {
  constructor(
    private readonly redis: Redis,
    private readonly keys: AdminAccessKeys,
    private readonly retentionDays: number,
  ) {}

  async append(entry: NewAuditEntry, now: Date = new Date()): Promise<AuditEntry> {
    for (const field of FIELDS) checkCode(`audit entry ${field}`, entry[field], field === 'target');
    if (!isAdminRole(entry.role)) throw new Error('audit entry role: must be viewer, operator or admin');
    const at = now.toISOString();
    const fields: string[] = ['at', at];
    for (const field of FIELDS) if (entry[field] !== undefined) fields.push(field, String(entry[field]));
    const [[addError, id]] = (await this.redis
      .multi()
      .xadd(this.keys.audit, 'MINID', '=', this.oldestKeptId(now), '*', ...fields)
      .pexpire(this.keys.audit, this.retentionMs())
      .exec()) as [Error | null, unknown][];
    if (addError) throw addError;
    return { id: String(id), at, ...withoutUndefined(entry) };
  }

  /** Newest first, `limit` at a time, optionally only one action or one token's. */
  async list(query: AuditQuery = {}, now: Date = new Date()): Promise<AuditPage> {
    const limit = query.limit ?? DEFAULT_LIMIT;
    if (!Number.isInteger(limit) || limit < 1 || limit > MAX_LIMIT) throw new AuditQueryError(`limit must be a whole number from 1 to ${MAX_LIMIT}`);
    if (query.before !== undefined && !STREAM_ID.test(query.before)) throw new AuditQueryError('before must be an audit entry id (the next of a page)');
    if (query.action !== undefined && !CODE.test(query.action)) throw new AuditQueryError('action must be an action code');
    if (query.tokenName !== undefined && !CODE.test(query.tokenName)) throw new AuditQueryError('tokenName must be a token name');

    const matches = (e: AuditEntry) => (query.action === undefined || e.action === query.action) && (query.tokenName === undefined || e.tokenName === query.tokenName);
    // Entries past retention that a trim has not reached yet (no write since) are never shown.
    const oldest = this.oldestKeptId(now);
    const found: AuditEntry[] = [];
    let end = query.before === undefined ? '+' : `(${query.before}`;
    let scanned = 0;
    // One more than asked for tells whether there is a next page.
    while (found.length <= limit) {
      const count = Math.min(BATCH, query.action === undefined && query.tokenName === undefined ? limit + 1 - found.length : BATCH);
      const batch = await this.redis.xrevrange(this.keys.audit, end, oldest, 'COUNT', count);
      for (const [id, raw] of batch) {
        const entry = entryOf(id, raw);
        if (matches(entry) && found.length <= limit) found.push(entry);
      }
      scanned += batch.length;
      if (batch.length < count) break;
      end = `(${batch[batch.length - 1][0]}`;
      if (scanned >= MAX_SCANNED && found.length <= limit) return { entries: found, next: end.slice(1) };
    }
    if (found.length > limit) return { entries: found.slice(0, limit), next: found[limit - 1].id };
    return { entries: found };
  }

  private retentionMs(): number {
    return this.retentionDays * DAY_MS;
  }

  // Stream ids start with the Redis server's milliseconds; the cut uses this process's clock, a skew of seconds on a period of days.
  private oldestKeptId(now: Date): string {
    return `${Math.max(0, now.getTime() - this.retentionMs())}-0`;
  }
}

function checkCode(what: string, value: unknown, optional: boolean): void {
  if (value === undefined && optional) return;
  // The value is not quoted: the point of refusing it is that it may be what must not be stored.
  if (typeof value !== 'string' || !CODE.test(value)) throw new Error(`${what}: must be an id or a code (1-200 of A-Z a-z 0-9 . _ : / @ # -)`);
}

function entryOf(id: string, raw: string[]): AuditEntry {
  const f = new Map<string, string>();
  for (let i = 0; i + 1 < raw.length; i += 2) f.set(raw[i], raw[i + 1]);
  const target = f.get('target');
  return {
    id,
    at: f.get('at') ?? '',
    tokenName: f.get('tokenName') ?? '',
    role: (f.get('role') ?? '') as AdminRole,
    action: f.get('action') ?? '',
    ...(target !== undefined && { target }),
    outcome: f.get('outcome') ?? '',
    requestId: f.get('requestId') ?? '',
  };
}

function withoutUndefined(entry: NewAuditEntry): NewAuditEntry {
  return Object.fromEntries(Object.entries(entry).filter(([, v]) => v !== undefined)) as NewAuditEntry;
}
