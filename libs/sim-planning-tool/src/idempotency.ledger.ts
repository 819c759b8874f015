import { createHash } from 'node:crypto';

export interface IdempotentOutcome {
  fingerprint: string;
  status: number;
}

/** What identifies "the same write": method, tenant-relative path and body. */
export function fingerprintOf(method: string, path: string, body: unknown): string {
  const hash = createHash('sha256');
  hash.update(`${method} ${path}\n`);
  hash.update(body === undefined ? '' : JSON.stringify(body));
  return hash.digest('base64url');
}

/**
 * The Idempotency-Keys of one tenant and the status each write answered. Bounded: the
 * oldest keys are forgotten first (a Map iterates in insertion order), so a long load
 * test cannot grow it without limit.
 */
export class IdempotencyLedger {
  private readonly outcomes = new Map<string, IdempotentOutcome>();

  constructor(private readonly capacity: number) {}

  get(key: string): IdempotentOutcome | undefined {
    return this.outcomes.get(key);
  }

  remember(key: string, outcome: IdempotentOutcome): void {
    this.outcomes.delete(key);
    this.outcomes.set(key, outcome);
    while (this.outcomes.size > this.capacity) {
      const oldest = this.outcomes.keys().next().value;
      if (oldest === undefined) break;
      this.outcomes.delete(oldest);
    }
  }

  get size(): number {
    return this.outcomes.size;
  }

  clear(): void {
    this.outcomes.clear();
  }
}
