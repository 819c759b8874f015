import { contractsDir } from '@brygga/config';
import { readFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { decodeDocument, parseExport, simPerSpecFile, validateWithXsd } from './case-system-sim.test-harness';

const EXAMPLES = ['uppdrag-ny.xml', 'uppdrag-andrad.xml', 'uppdrag-avslutad.xml', 'uppdrag-latin1.xml'];

function example(name: string): Buffer {
  return readFileSync(join(contractsDir(), 'case-system', 'examples', name));
}

describe('the contract examples round-trip through /_sim/assignments and the feed', () => {
  const sim = simPerSpecFile();

  function post(body: Buffer | string, contentType = 'application/xml'): Promise<Response> {
    return fetch(`${sim.base}/_sim/assignments`, { method: 'POST', headers: { 'Content-Type': contentType }, body });
  }

  async function feedAfter(efter: number): Promise<string> {
    const res = await sim.feed(efter);
    expect(res.status).toBe(200);
    return res.text();
  }

  it.each(EXAMPLES)('%s comes back with the same content', async (name) => {
    const bytes = example(name);
    const contentType = name.includes('latin1') ? 'application/xml; charset=ISO-8859-1' : 'text/xml; charset=UTF-8';
    const res = await post(bytes, contentType);
    expect(res.status).toBe(200);
    const accepted = (await res.json()) as { accepted: number; sekvens: number };
    expect(accepted.accepted).toBe(1);

    const served = await feedAfter(accepted.sekvens - 1);
    const original = parseExport(decodeDocument(bytes));
    const back = parseExport(served);
    expect(back.uppdrag).toEqual(original.uppdrag);
    expect(back.root['@_sekvens']).toBe(String(accepted.sekvens));

    const dir = await mkdtemp(join(tmpdir(), 'case-example-'));
    try {
      await writeFile(join(dir, name), served);
      validateWithXsd([join(dir, name)]);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('keeps å ä ö of the ISO-8859-1 example intact, with or without a charset header', async () => {
    for (const contentType of ['application/xml; charset=ISO-8859-1', 'application/xml']) {
      await sim.control('DELETE', '');
      const accepted = (await (await post(example('uppdrag-latin1.xml'), contentType)).json()) as { sekvens: number };
      const served = await feedAfter(0);
      expect(accepted.sekvens).toBeGreaterThan(0);
      expect(served).toContain('<Efternamn>Ärlebäck-Söderström</Efternamn>');
      expect(served).toContain('<Fornamn>Åke</Fornamn>');
      expect(served).toContain('kod="HT-VÄST"');
    }
  });

  it('serves posted versions as they are, even stale and out of order', async () => {
    await post(example('uppdrag-avslutad.xml'));
    const second = (await (await post(example('uppdrag-ny.xml'))).json()) as { sekvens: number };
    const doc = parseExport(await feedAfter(0));
    expect(doc.uppdrag.map((u) => [u['@_id'], u['@_version']])).toEqual([['UPP-2026-0417', '1']]);
    expect(doc.root['@_sekvens']).toBe(String(second.sekvens));
  });

  it('accepts a namespace prefix and a BOM', async () => {
    const text = decodeDocument(example('uppdrag-ny.xml'))
      .replace(/<(\/?)([A-Z])/g, '<$1u:$2')
      .replace('xmlns="urn:se:omsorg:uppdrag:1"', 'xmlns:u="urn:se:omsorg:uppdrag:1"');
    const res = await post(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')]));
    expect(res.status).toBe(200);
    expect(parseExport(await feedAfter(0)).uppdrag).toEqual(parseExport(decodeDocument(example('uppdrag-ny.xml'))).uppdrag);
  });

  it.each([
    ['not XML', 'hello'],
    ['not well-formed', '<Uppdragsexport xmlns="urn:se:omsorg:uppdrag:1" sekvens="1" kalla="x" skapad="x"><Uppdrag></Uppdragsexport>'],
    ['another root', '<Schedule xmlns="urn:se:omsorg:uppdrag:1"/>'],
    ['another namespace', '<Uppdragsexport xmlns="urn:other" sekvens="1" kalla="x" skapad="x"/>'],
    ['an Uppdrag without version', '<Uppdragsexport xmlns="urn:se:omsorg:uppdrag:1" sekvens="1" kalla="x" skapad="x"><Uppdrag id="A"/></Uppdragsexport>'],
  ])('rejects %s with 400', async (_label, body) => {
    expect((await post(body)).status).toBe(400);
    expect(((await (await sim.control('GET', '/stats')).json()) as { changes: number }).changes).toBe(0);
  });

  it('rejects a charset that disagrees with the declaration, and non-XML content types', async () => {
    expect((await post(example('uppdrag-latin1.xml'), 'application/xml; charset=UTF-8')).status).toBe(400);
    expect((await post(example('uppdrag-ny.xml'), 'text/plain')).status).toBe(415);
  });
});
