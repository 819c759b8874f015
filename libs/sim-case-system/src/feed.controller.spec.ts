import { parseExport, simPerSpecFile, TEST_TOKEN } from './case-system-sim.test-harness';

describe('change feed', () => {
  const sim = simPerSpecFile();
  let first: number;
  let last: number;

  beforeEach(async () => {
    const generated = (await (await sim.control('POST', '/generate', { clients: 50, seed: 3 })).json()) as { clients: number; sekvens: number };
    expect(generated.clients).toBe(50);
    last = generated.sekvens;
    first = last - 49;
  });

  async function page(efter: number, max?: number) {
    const res = await sim.feed(efter, max);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/xml; charset=UTF-8');
    return parseExport(await res.text());
  }

  it('returns everything for efter=0, oldest change first, sekvens = last change', async () => {
    const doc = await page(0);
    expect(doc.uppdrag).toHaveLength(50);
    expect(doc.root['@_sekvens']).toBe(String(last));
    expect(doc.root['@_kalla']).toBe('treserva-umea');
    expect(doc.root['@_skapad']).toBe('2026-11-20T09:00:00+01:00');
    const ids = doc.uppdrag.map((u) => (u['@_id'] as string).slice(-5));
    expect(ids).toEqual([...ids].sort());
  });

  it('treats efter as exclusive and honours max', async () => {
    const doc = await page(first + 9, 5);
    expect(doc.uppdrag).toHaveLength(5);
    expect(doc.root['@_sekvens']).toBe(String(first + 14));
    const all = await page(0);
    expect(doc.uppdrag.map((u) => u['@_id'])).toEqual(all.uppdrag.slice(10, 15).map((u) => u['@_id']));
  });

  it('defaults max to 500 and pages through with the returned sekvens', async () => {
    await sim.control('POST', '/generate', { clients: 520, seed: 4 });
    const one = await page(0);
    expect(one.uppdrag).toHaveLength(500);
    const two = await page(Number(one.root['@_sekvens']));
    // 50 + 520 clients, 5 of the 520 switching provider (a second assignment each).
    expect(two.uppdrag).toHaveLength(75);
  });

  it('returns an empty export with sekvens = efter when nothing is new', async () => {
    for (const efter of [last, last + 100]) {
      const res = await sim.feed(efter);
      const text = await res.text();
      const doc = parseExport(text);
      expect(doc.uppdrag).toEqual([]);
      expect(doc.root['@_sekvens']).toBe(String(efter));
      expect(text).not.toContain('<Uppdrag ');
    }
  });

  it('serves an assignment changed twice once, at its latest version and position', async () => {
    await sim.control('POST', '/churn', { changes: 1, seed: 11 });
    await sim.control('POST', '/churn', { changes: 1, seed: 11 });
    const doc = await page(0);
    expect(doc.uppdrag).toHaveLength(50);
    const tail = doc.uppdrag[doc.uppdrag.length - 1];
    expect(Number(tail['@_version'])).toBe(3);
    expect(doc.root['@_sekvens']).toBe(String(last + 2));
    const after = await page(last);
    expect(after.uppdrag.map((u) => u['@_id'])).toEqual([tail['@_id']]);
    expect(after.root['@_sekvens']).toBe(String(last + 2));
  });

  it('rejects a missing or wrong token with 401', async () => {
    const url = `${sim.base}/api/uppdrag/andringar?efter=0`;
    expect((await fetch(url)).status).toBe(401);
    const wrong = await fetch(url, { headers: { Authorization: 'Bearer nope' } });
    expect(wrong.status).toBe(401);
    expect(wrong.headers.get('www-authenticate')).toBe('Bearer');
    expect((await fetch(url, { headers: { Authorization: TEST_TOKEN } })).status).toBe(401);
  });

  it.each([['efter='], ['efter=-1'], ['efter=1.5'], ['efter=abc'], [''], ['efter=0&max=0'], ['efter=0&max=5001'], ['efter=0&max=x'], ['efter=1&efter=2']])(
    'rejects %s with 400 text/plain',
    async (query) => {
      const res = await fetch(`${sim.base}/api/uppdrag/andringar?${query}`, { headers: { Authorization: `Bearer ${TEST_TOKEN}` } });
      expect(res.status).toBe(400);
      expect(res.headers.get('content-type')).toMatch(/^text\/plain/);
      expect((await res.text()).length).toBeGreaterThan(0);
    },
  );

  it('fails the next N requests with 429 and Retry-After, then recovers', async () => {
    expect((await sim.control('POST', '/faults', { status: 429, count: 2, retryAfter: 7 })).status).toBe(200);
    for (let i = 0; i < 2; i++) {
      const res = await sim.feed(0);
      expect(res.status).toBe(429);
      expect(res.headers.get('retry-after')).toBe('7');
    }
    expect((await sim.feed(0)).status).toBe(200);
  });

  it('fails with 503 during maintenance', async () => {
    await sim.control('POST', '/faults', { status: 503, count: 1 });
    expect((await sim.feed(0)).status).toBe(503);
    expect((await sim.feed(0)).status).toBe(200);
  });

  it('rejects bad control bodies and reports stats', async () => {
    expect((await sim.control('POST', '/faults', { status: 500, count: 1 })).status).toBe(400);
    expect((await sim.control('POST', '/generate', { clients: -1 })).status).toBe(400);
    const stats = (await (await sim.control('GET', '/stats')).json()) as Record<string, number>;
    expect(stats).toMatchObject({ assignments: 50, changes: 50, sekvens: last });
  });
});
