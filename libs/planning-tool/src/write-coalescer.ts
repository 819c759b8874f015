import { requestOf } from './planning-operation.requests';
import type { KeyedOperation } from './keyed-operation';

/** What the coalescer needs from the client: one batch request for several submitters' writes, and each one's verdict. */
export interface BatchTransport {
  /** Sends the groups' writes as one batch, in order; throws for them all, else returns per group the error to reject it with (undefined: all accepted). */
  sendShared(groups: KeyedOperation[][]): Promise<Array<Error | undefined>>;
}

interface Submission {
  writes: KeyedOperation[];
  resolve: () => void;
  reject: (error: Error) => void;
}

export const MAX_COALESCED_OPERATIONS = 200;
/** Well under the planning tool's 1 MiB body limit. */
const MAX_COALESCED_BYTES = 512 * 1024;

/**
 * Full loads: many assignments are applied at once (one job each, concurrently), each
 * with a handful of writes. Writes submitted within `windowMs` of each other share one
 * batch request of at most 200 operations, each submitter's writes contiguous and in
 * its order (a batch is applied in order), and each submitter learns only the fate of
 * its own operations.
 */
export class WriteCoalescer {
  private pending: Submission[] = [];
  private pendingOps = 0;
  private pendingBytes = 0;
  private timer?: NodeJS.Timeout;

  constructor(
    private readonly transport: BatchTransport,
    private readonly windowMs: number,
  ) {}

  /** Resolves when all of these writes were accepted; rejects with the first refusal among them. */
  submit(writes: KeyedOperation[]): Promise<void> {
    const bytes = writes.reduce((n, w) => n + sizeOf(w), 0);
    if (this.pendingOps + writes.length > MAX_COALESCED_OPERATIONS || this.pendingBytes + bytes > MAX_COALESCED_BYTES) this.flush();
    return new Promise<void>((resolve, reject) => {
      this.pending.push({ writes, resolve, reject });
      this.pendingOps += writes.length;
      this.pendingBytes += bytes;
      if (this.pendingOps >= MAX_COALESCED_OPERATIONS) this.flush();
      else this.timer ??= setTimeout(() => this.flush(), this.windowMs);
    });
  }

  private flush(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    const group = this.pending;
    this.pending = [];
    this.pendingOps = 0;
    this.pendingBytes = 0;
    if (group.length > 0) void this.send(group);
  }

  private async send(group: Submission[]): Promise<void> {
    let verdicts: Array<Error | undefined>;
    try {
      verdicts = await this.transport.sendShared(group.map((s) => s.writes));
    } catch (error) {
      for (const s of group) s.reject(error as Error);
      return;
    }
    group.forEach((s, i) => {
      const refusal = verdicts[i];
      if (refusal) s.reject(refusal);
      else s.resolve();
    });
  }
}

/** Per group of a batch, its first refused operation's verdict (undefined: all of its operations accepted). */
export function refusalsByGroup(groups: KeyedOperation[][], verdicts: Array<Error | undefined>): Array<Error | undefined> {
  let offset = 0;
  return groups.map((writes) => {
    const mine = verdicts.slice(offset, offset + writes.length);
    offset += writes.length;
    return mine.find((v) => v !== undefined);
  });
}

function sizeOf({ operation, idempotencyKey }: KeyedOperation): number {
  const { path, body } = requestOf(operation);
  return path.length + idempotencyKey.length + 64 + (body !== undefined ? Buffer.byteLength(JSON.stringify(body)) : 0);
}
