import type { ChainableCommander } from 'ioredis';
import type Redis from 'ioredis';
import { Inject, Injectable } from '@nestjs/common';
import { DataSealer } from '@brygga/data-seal';
import type { Assignment } from '@brygga/domain';
import { DOCUMENT_RETENTION_SECONDS, type LockFirstWrite, LockSet, REDIS, RETENTION_SECONDS, redisScript, runScript } from '@brygga/flow-kernel';
import type { MaybeWritten } from '@brygga/mapping';
import { DATA_KEYS } from './interventions.tokens';
import type { DataKeys } from './redis-keys';

/** What was last applied for one assignment, and where it went. */
export interface AppliedState {
  appliedVersion: number;
  latestSeen: number;
  tenant?: string;
  customerId?: string;
  serviceOrderIds: string[];
  rulesVersion?: string;
  outcome?: string;
  /** Written by an apply that did not live to record it (see MaybeWritten); cleared by the next record. */
  maybeWritten?: MaybeWritten[];
}

/** An assignment locked, with its state and one version's content read in the same step. */
export interface HeldAssignment {
  state: AppliedState;
  /** The version's content, or null when it expired or was never stored. */
  assignment: Assignment | null;
  /** Adds the unlock to a caller's transaction (with what was applied); `released()` once it ran. */
  releaseIn(multi: ChainableCommander): void;
  released(): void;
  /** Unlocks (a no-op once released with a transaction). */
  release(): Promise<void>;
}

/**
 * Stores each version's content (first arrival wins) and raises each assignment's
 * latestSeen only upwards, atomically (two documents racing cannot lower it): a whole page
 * in one command. KEYS: per assignment its version key and its state key; ARGV: the
 * retention in seconds, then per assignment its sealed content and its version.
 */
const STORE_VERSIONS = redisScript(`
for i = 1, #KEYS / 2 do
  redis.call('SET', KEYS[2 * i - 1], ARGV[2 * i], 'EX', ARGV[1], 'NX')
  local seen = tonumber(ARGV[2 * i + 1])
  if seen > tonumber(redis.call('HGET', KEYS[2 * i], 'latestSeen') or '0') then redis.call('HSET', KEYS[2 * i], 'latestSeen', seen) end
end
return #KEYS / 2`);

/**
 * Per-assignment state for "latest state wins": the newest version seen, the version
 * applied, and what was sent (to withdraw later). Writes for one assignment happen
 * under a short per-assignment lock, so many workers keep per-assignment order
 * without serialising the queue.
 */
@Injectable()
export class AssignmentStateStore {
  constructor(
    @Inject(REDIS) private readonly redis: Redis,
    @Inject(DATA_KEYS) private readonly keys: DataKeys,
    private readonly sealer: DataSealer,
    // A version's content is kept as long as the document that carried it (JOURNAL_RETENTION_DAYS in the process).
    @Inject(DOCUMENT_RETENTION_SECONDS) private readonly retentionSeconds: number = RETENTION_SECONDS,
  ) {}

  /** Stores one version's canonical content, sealed (first arrival wins), and notes it as seen. */
  async storeVersion(assignment: Assignment): Promise<void> {
    await this.storeVersions([assignment]);
  }

  /** The same for many, in one script (a feed page holds hundreds: one command, not two each). */
  async storeVersions(assignments: Assignment[]): Promise<void> {
    if (assignments.length === 0) return;
    const { keys, args } = this.versionsCall(assignments);
    await runScript(this.redis, STORE_VERSIONS, keys, args);
  }

  /**
   * The same as part of a caller's transaction: by its text, as a script Redis does not know
   * in a MULTI would fail alone while the rest applied.
   */
  storeVersionsIn(multi: ChainableCommander, assignments: Assignment[]): ChainableCommander {
    if (assignments.length === 0) return multi;
    const { keys, args } = this.versionsCall(assignments);
    return multi.eval(STORE_VERSIONS.text, keys.length, ...keys, ...args);
  }

  private versionsCall(assignments: Assignment[]): { keys: string[]; args: Array<string | Buffer> } {
    const keys = assignments.flatMap((a) => [this.keys.assignmentVersion(a.id, a.version), this.keys.assignmentState(a.id)]);
    const args = [String(this.retentionSeconds), ...assignments.flatMap((a) => [this.sealer.sealJson(a), String(a.version)])];
    return { keys, args };
  }

  async loadVersion(assignmentId: string, version: number): Promise<Assignment | null> {
    const stored = await this.redis.getBuffer(this.keys.assignmentVersion(assignmentId, version));
    return stored ? this.sealer.openJson<Assignment>(stored) : null;
  }

  async get(assignmentId: string): Promise<AppliedState> {
    return stateOf(await this.redis.hgetall(this.keys.assignmentState(assignmentId)));
  }

  /**
   * Takes the assignment's lock and reads its state and the version's content with it, in
   * one round trip (one script): the apply's first step. Null when another worker holds it.
   */
  async lockAndRead(assignmentId: string, version: number, ttlMs: number): Promise<HeldAssignment | null> {
    const held = await new LockSet(this.redis).take([this.keys.assignmentLock(assignmentId)], ttlMs, [
      { key: this.keys.assignmentState(assignmentId), as: 'fields' },
      { key: this.keys.assignmentVersion(assignmentId, version), as: 'string' },
    ]);
    if (!held) return null;
    const [fields, [content]] = held.read;
    const h: Record<string, string> = {};
    for (let i = 0; i + 1 < fields.length; i += 2) h[fields[i].toString('utf8')] = fields[i + 1].toString('utf8');
    return {
      state: stateOf(h),
      assignment: content ? this.sealer.openJson<Assignment>(content) : null,
      releaseIn: (multi) => held.releaseIn(multi),
      released: () => held.released(),
      release: () => held.release(),
    };
  }

  /** Made durable before the first write goes out, so that a worker killed mid-delivery leaves a trace the next apply cleans up. */
  async noteMaybeWritten(assignmentId: string, maybeWritten: MaybeWritten[]): Promise<void> {
    const { hash, field, value } = this.maybeWrittenNote(assignmentId, maybeWritten);
    await this.redis.hset(hash, field, value);
  }

  /** The same note, for a lock request to write in its own step (LockSet's `first`). */
  maybeWrittenNote(assignmentId: string, maybeWritten: MaybeWritten[]): LockFirstWrite {
    return { hash: this.keys.assignmentState(assignmentId), field: 'maybeWritten', value: JSON.stringify(maybeWritten) };
  }

  async recordApplied(assignmentId: string, version: number, sent: Omit<AppliedState, 'appliedVersion' | 'latestSeen'>): Promise<void> {
    await this.recordAppliedIn(this.redis.multi(), assignmentId, version, sent).exec();
  }

  /** The same, as part of a caller's transaction. */
  recordAppliedIn(multi: ChainableCommander, assignmentId: string, version: number, sent: Omit<AppliedState, 'appliedVersion' | 'latestSeen'>): ChainableCommander {
    return multi.hset(this.keys.assignmentState(assignmentId), {
      appliedVersion: String(version),
      tenant: sent.tenant ?? '',
      customerId: sent.customerId ?? '',
      serviceOrderIds: JSON.stringify(sent.serviceOrderIds),
      rulesVersion: sent.rulesVersion ?? '',
      outcome: sent.outcome ?? '',
      appliedAt: new Date().toISOString(),
    }).hdel(this.keys.assignmentState(assignmentId), 'maybeWritten');
  }

  /** Remembers an ended assignment so the daily run can make its customer inactive after slutdatum. */
  async noteEnded(assignmentId: string, endDate: string): Promise<void> {
    await this.noteEndedIn(this.redis.multi(), assignmentId, endDate).exec();
  }

  noteEndedIn(multi: ChainableCommander, assignmentId: string, endDate: string): ChainableCommander {
    return multi.zadd(this.keys.endedAssignments(), Number(endDate.replace(/-/g, '')), assignmentId);
  }

  /** Ended assignments whose last day is before `date` (still listed: forget them once their re-apply is queued). */
  async endedBefore(date: string): Promise<string[]> {
    return this.redis.zrangebyscore(this.keys.endedAssignments(), '-inf', `(${Number(date.replace(/-/g, ''))}`);
  }

  async forgetEnded(ids: string[]): Promise<void> {
    if (ids.length > 0) await this.redis.zrem(this.keys.endedAssignments(), ...ids);
  }

  /** Returns a release function, or null when another worker holds this assignment. */
  async tryLock(assignmentId: string, ttlMs: number): Promise<(() => Promise<void>) | null> {
    const held = await new LockSet(this.redis).take([this.keys.assignmentLock(assignmentId)], ttlMs);
    return held ? () => held.release() : null;
  }
}

function stateOf(h: Record<string, string>): AppliedState {
  return {
    appliedVersion: Number(h.appliedVersion ?? 0),
    latestSeen: Number(h.latestSeen ?? 0),
    tenant: h.tenant || undefined,
    customerId: h.customerId || undefined,
    serviceOrderIds: h.serviceOrderIds ? (JSON.parse(h.serviceOrderIds) as string[]) : [],
    rulesVersion: h.rulesVersion || undefined,
    outcome: h.outcome || undefined,
    ...(h.maybeWritten && { maybeWritten: JSON.parse(h.maybeWritten) as MaybeWritten[] }),
  };
}
