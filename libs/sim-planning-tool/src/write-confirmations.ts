/**
 * When the simulator last accepted a write to each customer (the customer itself or one of
 * its service orders), in epoch milliseconds of this process's clock. A client on the same
 * machine can then time "sent upstream until the planning tool confirmed it" without
 * polling the contract's GETs, which at hundreds of assignments a second would load the
 * machine more than what is measured. Read through `GET /_sim/{tenant}/confirmations`.
 */
export class WriteConfirmations {
  private readonly lastAt = new Map<string, number>();

  note(customerId: string, at: number = Date.now()): void {
    this.lastAt.set(customerId, at);
  }

  /** Customers whose last accepted write was at or after `since`, with its time. */
  since(since: number): Record<string, number> {
    const out: Record<string, number> = {};
    for (const [id, at] of this.lastAt) if (at >= since) out[id] = at;
    return out;
  }

  clear(): void {
    this.lastAt.clear();
  }
}
