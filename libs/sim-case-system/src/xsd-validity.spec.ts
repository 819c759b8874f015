import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Receiver, simPerSpecFile, startReceiver, validateWithXsd } from './case-system-sim.test-harness';

/** Every document the simulator produces must validate against the vendor's schema. */
describe('documents validate against uppdragsexport-1.xsd', () => {
  const sim = simPerSpecFile();
  let receiver: Receiver;
  let dir: string;

  beforeAll(async () => {
    receiver = await startReceiver();
    dir = await mkdtemp(join(tmpdir(), 'case-xsd-'));
  });
  afterAll(async () => {
    await receiver.close();
    await rm(dir, { recursive: true, force: true });
  });

  async function saveFeed(prefix: string, efter: number): Promise<{ files: string[]; sekvens: number }> {
    const files: string[] = [];
    let cursor = efter;
    for (;;) {
      const res = await sim.feed(cursor, 100);
      expect(res.status).toBe(200);
      const body = Buffer.from(await res.arrayBuffer());
      const file = join(dir, `${prefix}-${files.length}.xml`);
      await writeFile(file, body);
      files.push(file);
      const next = Number(/sekvens="(\d+)"/.exec(body.toString('utf8'))?.[1]);
      if (next === cursor) return { files, sekvens: cursor };
      cursor = next;
    }
  }

  it('feed pages after generate and churn, pushed documents (UTF-8, BOM, ISO-8859-1) and dropped files', async () => {
    const summary = (await (await sim.control('POST', '/generate', { clients: 300, seed: 300 })).json()) as { assignments: number; switches: { total: number } };
    // 300 clients, 3 of them switching provider: 303 assignments, pages of 100 and the empty one.
    expect(summary).toMatchObject({ assignments: 303, switches: { total: 3 } });
    const generated = await saveFeed('generated', 0);
    expect(generated.files.length).toBe(5);
    const churned = (await (await sim.control('POST', '/churn', { changes: 150, seed: 301 })).json()) as { total: number; switched: number };
    expect(churned.total).toBe(150);
    expect(churned.switched).toBeGreaterThan(0);
    const afterChurn = await saveFeed('churned', generated.sekvens);

    const pushed = (await (await sim.control('POST', '/push', { url: receiver.url, token: 't', batchSize: 40 })).json()) as { failed: number };
    expect(pushed.failed).toBe(0);
    const pushFiles: string[] = [];
    for (const [i, d] of receiver.received.entries()) {
      const file = join(dir, `pushed-${i}.xml`);
      await writeFile(file, d.body);
      pushFiles.push(file);
    }
    expect(receiver.received.some((d) => d.contentType?.includes('ISO-8859-1'))).toBe(true);

    const dropDir = join(dir, 'drop');
    await sim.control('POST', '/drop', { dir: dropDir, batchSize: 60 });
    const dropFiles = (await readdir(dropDir)).map((f) => join(dropDir, f));
    expect(dropFiles.length).toBeGreaterThanOrEqual(5);

    validateWithXsd([...generated.files, ...afterChurn.files, ...pushFiles, ...dropFiles]);
  });

  it('rejects a document that breaks the schema (the check itself can fail)', async () => {
    const file = join(dir, 'broken.xml');
    await writeFile(file, '<?xml version="1.0"?><Uppdragsexport xmlns="urn:se:omsorg:uppdrag:1" sekvens="-1" kalla="x" skapad="2026-01-01T00:00:00Z"/>');
    expect(() => validateWithXsd([file])).toThrow(/schema validation failed/);
  });
});
