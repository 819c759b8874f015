import type { KeyedOperation } from './keyed-operation';
import { BatchTransport, MAX_COALESCED_OPERATIONS, refusalsByGroup, WriteCoalescer } from './write-coalescer';

const op = (path: string): KeyedOperation => ({ operation: { kind: 'deleteCustomer', customerId: path }, idempotencyKey: `k-${path}` });
const nameOf = ({ operation }: KeyedOperation) => (operation.kind === 'deleteCustomer' ? operation.customerId : operation.kind);

/** A transport that records batches; `verdict` decides each operation's fate by its name. */
function recording(verdict: (path: string) => Error | undefined = () => undefined) {
  const batches: string[][] = [];
  const transport: BatchTransport = {
    sendShared: async (groups) => {
      const writes = groups.flat();
      batches.push(writes.map(nameOf));
      return refusalsByGroup(groups, writes.map((w) => verdict(nameOf(w))));
    },
  };
  return { batches, transport };
}

describe('WriteCoalescer', () => {
  it('puts writes submitted within the window into one batch, each submitter contiguous and in order', async () => {
    const { batches, transport } = recording();
    const c = new WriteCoalescer(transport, 20);
    await Promise.all([c.submit([op('/a1'), op('/a2')]), c.submit([op('/b1')]), c.submit([op('/c1'), op('/c2'), op('/c3')])]);
    expect(batches).toEqual([['/a1', '/a2', '/b1', '/c1', '/c2', '/c3']]);
  });

  it('never puts more than 200 operations in a batch', async () => {
    const { batches, transport } = recording();
    const c = new WriteCoalescer(transport, 50);
    const many = Array.from({ length: 90 }, (_, i) => [op(`/x${i}a`), op(`/x${i}b`), op(`/x${i}c`)]);
    await Promise.all(many.map((w) => c.submit(w)));
    expect(batches.every((b) => b.length <= MAX_COALESCED_OPERATIONS)).toBe(true);
    expect(batches.flat()).toHaveLength(270);
    // No submitter is split across batches.
    for (const b of batches) expect(b.length % 3).toBe(0);
  });

  it('tells each submitter only the fate of its own operations', async () => {
    const refused = new Error('planning tool answered 400 to batch operation');
    const { transport } = recording((path) => (path === '/b2' ? refused : undefined));
    const c = new WriteCoalescer(transport, 20);
    const outcomes = await Promise.allSettled([c.submit([op('/a1')]), c.submit([op('/b1'), op('/b2')]), c.submit([op('/c1')])]);
    expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect((outcomes[1] as PromiseRejectedResult).reason).toBe(refused);
  });

  it('rejects every submitter when the batch request as a whole fails', async () => {
    const down = new Error('planning tool answered 503 to POST batch');
    const c = new WriteCoalescer({ sendShared: () => Promise.reject(down) }, 20);
    const outcomes = await Promise.allSettled([c.submit([op('/a1')]), c.submit([op('/b1')])]);
    expect(outcomes.map((o) => (o as PromiseRejectedResult).reason)).toEqual([down, down]);
  });
});
