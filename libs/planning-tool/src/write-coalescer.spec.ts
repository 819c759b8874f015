import type { PlanningWrite } from '@brygga/domain';
import type { KeyedWrite } from './planning-tool.client';
import { BatchTransport, MAX_COALESCED_OPERATIONS, WriteCoalescer } from './write-coalescer';

const put = (path: string): KeyedWrite => ({ write: { method: 'PUT', path, body: { x: path } } as unknown as PlanningWrite, idempotencyKey: `k-${path}` });

/** A transport that records batches; `verdict` decides each operation's fate by path. */
function recording(verdict: (path: string) => Error | undefined = () => undefined) {
  const batches: string[][] = [];
  const transport: BatchTransport = {
    postBatch: async (writes) => {
      batches.push(writes.map((w) => w.write.path));
      return writes.map((w) => verdict(w.write.path));
    },
  };
  return { batches, transport };
}

describe('WriteCoalescer', () => {
  it('puts writes submitted within the window into one batch, each submitter contiguous and in order', async () => {
    const { batches, transport } = recording();
    const c = new WriteCoalescer(transport, 20);
    await Promise.all([c.submit([put('/a1'), put('/a2')]), c.submit([put('/b1')]), c.submit([put('/c1'), put('/c2'), put('/c3')])]);
    expect(batches).toEqual([['/a1', '/a2', '/b1', '/c1', '/c2', '/c3']]);
  });

  it('never puts more than 200 operations in a batch', async () => {
    const { batches, transport } = recording();
    const c = new WriteCoalescer(transport, 50);
    const many = Array.from({ length: 90 }, (_, i) => [put(`/x${i}a`), put(`/x${i}b`), put(`/x${i}c`)]);
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
    const outcomes = await Promise.allSettled([c.submit([put('/a1')]), c.submit([put('/b1'), put('/b2')]), c.submit([put('/c1')])]);
    expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect((outcomes[1] as PromiseRejectedResult).reason).toBe(refused);
  });

  it('rejects every submitter when the batch request as a whole fails', async () => {
    const down = new Error('planning tool answered 503 to POST batch');
    const c = new WriteCoalescer({ postBatch: () => Promise.reject(down) }, 20);
    const outcomes = await Promise.allSettled([c.submit([put('/a1')]), c.submit([put('/b1')])]);
    expect(outcomes.map((o) => (o as PromiseRejectedResult).reason)).toEqual([down, down]);
  });
});
