import { Inject, Injectable } from '@nestjs/common';
import type Redis from 'ioredis';
import { REDIS } from '@brygga/flow-kernel';
import { ALERT_CONDITIONS, type ActiveAlert, type AlertCondition, type AlertDetail, type AlertEvent, type AlertState, NO_SUBJECT } from './alert-condition';
import type { AlertKeys } from './alert-keys';
import { ALERT_KEYS } from './alerts.tokens';

export interface AlertTransition {
  condition: AlertCondition;
  subject: string;
  state: AlertState;
  at: Date;
  detail: AlertDetail;
}

const DAY_MS = 24 * 3600_000;

/**
 * One transition, all or nothing: only when the alert is not already in that state and no
 * later reading has moved it, the event is journaled (the stream gives its id), the active
 * set updated and, with a webhook, the event put in the outbox. Two evaluators finding the
 * same start at once: the first raises, the second finds it raised and returns nothing.
 */
const TRANSITION = `
local active = redis.call('HEXISTS', KEYS[1], ARGV[1]) == 1
if (ARGV[2] == 'raised') == active then return false end
local last = tonumber(redis.call('HGET', KEYS[2], ARGV[1]) or '0')
if tonumber(ARGV[3]) < last then return false end
local id = redis.call('XADD', KEYS[3], 'MINID', '~', ARGV[7], '*', 'condition', ARGV[4], 'subject', ARGV[5], 'state', ARGV[2], 'at', ARGV[3], 'detail', ARGV[6])
redis.call('HSET', KEYS[2], ARGV[1], ARGV[3])
if ARGV[2] == 'raised' then
  redis.call('HSET', KEYS[1], ARGV[1], id .. ' ' .. ARGV[9])
else
  redis.call('HDEL', KEYS[1], ARGV[1])
end
if ARGV[8] == '1' then redis.call('ZADD', KEYS[4], ARGV[3], id) end
return id`;

interface StoredActive {
  condition: AlertCondition;
  subject: string;
  since: number;
  detail: AlertDetail;
}

/** The alerts' state and journal in Redis, shared by every process that evaluates or shows them. */
@Injectable()
export class AlertStateStore {
  constructor(
    @Inject(REDIS) private readonly redis: Redis,
    @Inject(ALERT_KEYS) private readonly keys: AlertKeys,
  ) {}

  /** The event when this call made the transition; undefined when it was already made (by this or another process). */
  async transition(t: AlertTransition, options: { retentionDays: number; outbox: boolean }): Promise<AlertEvent | undefined> {
    const at = t.at.getTime();
    const detail = JSON.stringify(t.detail);
    const stored: StoredActive = { condition: t.condition, subject: t.subject, since: at, detail: t.detail };
    const args = [fieldOf(t.condition, t.subject), t.state, at, t.condition, t.subject, detail, Date.now() - options.retentionDays * DAY_MS, options.outbox ? '1' : '0', JSON.stringify(stored)];
    const k = this.keys;
    const id = (await this.redis.eval(TRANSITION, 4, k.active, k.lastAt, k.events, k.outbox, ...args)) as string | null;
    return id ? eventOf(id, { condition: t.condition, subject: t.subject, state: t.state, at: String(at), detail }) : undefined;
  }

  async active(): Promise<ActiveAlert[]> {
    const raw = await this.redis.hvals(this.keys.active);
    return raw
      .map((value) => {
        const space = value.indexOf(' ');
        const stored = JSON.parse(value.slice(space + 1)) as StoredActive;
        return { id: value.slice(0, space), condition: stored.condition, ...(stored.subject !== NO_SUBJECT && { subject: stored.subject }), since: new Date(stored.since).toISOString(), detail: stored.detail };
      })
      .sort((a, b) => (a.since < b.since ? -1 : a.since > b.since ? 1 : a.id < b.id ? -1 : 1));
  }

  /** How many subjects of each condition are active (every condition, 0 when none): the gauge. */
  async activeCounts(): Promise<Record<AlertCondition, number>> {
    const counts = Object.fromEntries(ALERT_CONDITIONS.map((c) => [c, 0])) as Record<AlertCondition, number>;
    for (const field of await this.redis.hkeys(this.keys.active)) {
      const condition = field.slice(0, field.indexOf('|')) as AlertCondition;
      if (Object.hasOwn(counts, condition)) counts[condition] += 1;
    }
    return counts;
  }

  /** The newest events first. */
  async recent(limit: number): Promise<AlertEvent[]> {
    const entries = await this.redis.xrevrange(this.keys.events, '+', '-', 'COUNT', limit);
    return entries.map(([id, fields]) => eventOf(id, fieldsOf(fields)));
  }

  /** One event, or undefined once it has left the journal (retention). */
  async event(id: string): Promise<AlertEvent | undefined> {
    const [entry] = await this.redis.xrange(this.keys.events, id, id);
    return entry ? eventOf(entry[0], fieldsOf(entry[1])) : undefined;
  }
}

function fieldOf(condition: AlertCondition, subject: string): string {
  return `${condition}|${subject}`;
}

function fieldsOf(flat: string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (let i = 0; i + 1 < flat.length; i += 2) out[flat[i]] = flat[i + 1];
  return out;
}

function eventOf(id: string, f: Record<string, string>): AlertEvent {
  return {
    id,
    condition: f.condition as AlertCondition,
    ...(f.subject && f.subject !== NO_SUBJECT && { subject: f.subject }),
    state: f.state as AlertState,
    at: new Date(Number(f.at)).toISOString(),
    detail: JSON.parse(f.detail ?? '{}') as AlertDetail,
  };
}
