import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { decodeDocument, parseExport, Receiver, simPerSpecFile, startReceiver } from './case-system-sim.test-harness';

describe('push and file drop', () => {
  const sim = simPerSpecFile();
  let receiver: Receiver;

  beforeEach(async () => {
    receiver = await startReceiver();
  });
  afterEach(async () => {
    await receiver.close();
  });

  async function push(batchSize: number): Promise<Record<string, number>> {
    const res = await sim.control('POST', '/push', { url: receiver.url, token: 'inbound-token', batchSize });
    expect(res.status).toBe(200);
    return (await res.json()) as Record<string, number>;
  }

  it('pushes every change once, in sequence order, some documents in ISO-8859-1 with intact letters', async () => {
    const generated = (await (await sim.control('POST', '/generate', { clients: 120, seed: 5 })).json()) as { assignments: number };
    const churned = (await (await sim.control('POST', '/churn', { changes: 30, seed: 6 })).json()) as { total: number; switched: number };
    // 120 clients, one of them switching provider (two assignments); a churned switch is two changes too.
    const changes = generated.assignments + churned.total + churned.switched;
    expect(changes).toBeGreaterThanOrEqual(151);
    const result = await push(15);
    expect(result).toMatchObject({ assignments: changes, failed: 0 });
    expect(result.documents).toBe(receiver.received.length);
    expect(result.documents).toBeGreaterThanOrEqual(10);

    const latin1 = receiver.received.filter((d) => d.contentType === 'application/xml; charset=ISO-8859-1');
    expect(latin1.length).toBeGreaterThanOrEqual(2);
    expect(receiver.received.some((d) => d.body[0] === 0xef)).toBe(true);
    for (const d of receiver.received) expect(d.authorization).toBe('Bearer inbound-token');
    for (const d of latin1) {
      expect(d.body.subarray(0, 60).toString('latin1')).toContain('encoding="ISO-8859-1"');
      // Latin-1 bytes: å is the single byte 0xE5, never the UTF-8 pair C3 A5.
      expect(d.body.includes(Buffer.from([0xc3, 0xa5]))).toBe(false);
    }
    const latinText = latin1.map((d) => decodeDocument(d.body)).join('');
    expect(latinText).toMatch(/[åäöÅÄÖ]/);
    expect(latinText).toContain('Umeå');

    const docs = receiver.received.map((d) => parseExport(decodeDocument(d.body)));
    const sekvenser = docs.map((d) => Number(d.root['@_sekvens']));
    expect(sekvenser).toEqual([...sekvenser].sort((a, b) => a - b));
    for (const doc of docs) {
      const ids = doc.uppdrag.map((u) => u['@_id']);
      expect(new Set(ids).size).toBe(ids.length);
    }
    expect(docs.reduce((n, d) => n + d.uppdrag.length, 0)).toBe(changes);

    expect(await push(15)).toMatchObject({ documents: 0, assignments: 0, failed: 0 });
    const more = (await (await sim.control('POST', '/churn', { changes: 3, seed: 9 })).json()) as { switched: number };
    expect(await push(15)).toMatchObject({ documents: 1, assignments: 3 + more.switched, failed: 0 });
  });

  it('retries a document on anything but 202', async () => {
    await sim.control('POST', '/generate', { clients: 4, seed: 5 });
    receiver.answer = (n) => (n < 2 ? 500 : 202);
    expect(await push(10)).toMatchObject({ documents: 1, assignments: 4, failed: 0 });
    expect(receiver.received).toHaveLength(1);
  });

  it('stops and reports when a document keeps failing, and resends it on the next push', async () => {
    await sim.control('POST', '/generate', { clients: 6, seed: 5 });
    receiver.answer = (n) => (n === 0 ? 202 : 503);
    expect(await push(3)).toMatchObject({ documents: 1, assignments: 3, failed: 1, lastError: '503' });
    receiver.answer = () => 202;
    expect(await push(3)).toMatchObject({ documents: 1, assignments: 3, failed: 0 });
    const ids = receiver.received.flatMap((d) => parseExport(decodeDocument(d.body)).uppdrag.map((u) => u['@_id']));
    expect(new Set(ids).size).toBe(6);
  });

  it('drops documents as *.xml via *.xml.part, sortable in sequence order', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'case-drop-'));
    try {
      await sim.control('POST', '/generate', { clients: 55, seed: 8 });
      const res = await sim.control('POST', '/drop', { dir, batchSize: 10 });
      expect(await res.json()).toEqual({ files: 6, assignments: 55 });
      const files = await readdir(dir);
      expect(files.filter((f) => !f.endsWith('.xml'))).toEqual([]);
      expect(files).toHaveLength(6);
      const sekvenser: number[] = [];
      for (const f of [...files].sort()) {
        sekvenser.push(Number(parseExport(decodeDocument(await readFile(join(dir, f)))).root['@_sekvens']));
      }
      expect(sekvenser).toEqual([...sekvenser].sort((a, b) => a - b));
      expect(await (await sim.control('POST', '/drop', { dir })).json()).toEqual({ files: 0, assignments: 0 });
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
