import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { contractsDir } from '@brygga/config';
import { configureXmlLimits, DEFAULT_XML_LIMITS } from '@brygga/xml-intake';
import { DocumentRejectedError } from './document-rejected.error';
import type { UppdragContext } from './parsed-export.types';
import { splitUppdragStream, type UppdragStreamItem } from './uppdrag-stream.splitter';
import { parseUppdragElement } from './uppdragsexport.parser';

const examples = join(contractsDir(), 'case-system', 'examples');
const nyText = readFileSync(join(examples, 'uppdrag-ny.xml'), 'utf8');
const uppdrag = /<Uppdrag [\s\S]*<\/Uppdrag>/.exec(nyText)?.[0] as string;
const exportOf = (...elements: string[]): string => nyText.replace(uppdrag, elements.join('\n'));
const withId = (id: string): string => uppdrag.replace('id="UPP-2026-0417"', `id="${id}"`);

async function* pieces(parts: readonly Uint8Array[], onReturn?: () => void): AsyncGenerator<Uint8Array> {
  try {
    yield* parts;
  } finally {
    onReturn?.();
  }
}

function sizedPieces(buf: Buffer, size: number): Uint8Array[] {
  const parts: Uint8Array[] = [];
  for (let i = 0; i < buf.length; i += size) parts.push(buf.subarray(i, i + size));
  return parts;
}

async function items(parts: readonly Uint8Array[]): Promise<UppdragStreamItem[]> {
  const out: UppdragStreamItem[] = [];
  for await (const item of splitUppdragStream(pieces(parts))) out.push(item);
  return out;
}

const xmlOf = (found: UppdragStreamItem[]): string[] => found.flatMap((i) => (i.kind === 'uppdrag' ? [i.xml] : []));

async function rejection(buf: Buffer, before: UppdragStreamItem[] = []): Promise<DocumentRejectedError> {
  try {
    for await (const item of splitUppdragStream(pieces(sizedPieces(buf, 4096)))) before.push(item);
  } catch (err) {
    if (err instanceof DocumentRejectedError) return err;
    throw err;
  }
  throw new Error('expected the document to be rejected');
}

describe('splitUppdragStream: each element exactly as written, however the bytes are cut', () => {
  // Two-, three- and four-byte UTF-8, CRLF (which the parser reads as one newline) inside tags and text.
  const elements = [withId('UPP-ÅÄÖ').replace('Märta', 'Mä😀rta€'), withId('UPP-CRLF').replace('<Fornamn>', '<Fornamn\r\n>').replace(/\n/g, '\r\n'), '<Uppdrag id="UPP-X" version="1"/>'];
  const doc = Buffer.from(exportOf(...elements), 'utf8');

  it('cut in two at every byte: inside multi-byte characters, inside tags and names, between CR and LF', async () => {
    for (let cut = 0; cut <= doc.length; cut++) {
      expect(xmlOf(await items([doc.subarray(0, cut), doc.subarray(cut)]))).toEqual(elements);
    }
  });

  it.each([1, 2, 3, 5, 4096])('in pieces of %i bytes', async (size) => {
    expect(xmlOf(await items(sizedPieces(doc, size)))).toEqual(elements);
  });

  it('ISO-8859-1 as declared', async () => {
    const latin1 = Buffer.from(exportOf(withId('UPP-ÅÄÖ')).replace('UTF-8', 'ISO-8859-1'), 'latin1');
    expect(xmlOf(await items(sizedPieces(latin1, 3)))).toEqual([withId('UPP-ÅÄÖ')]);
  });
});

describe('splitUppdragStream: what the XML parser decides', () => {
  it.each<[string, string, string[]]>([
    ['an Uppdrag nested in one: one element, for the reader to refuse', uppdrag.replace('<Fornamn>', '<Uppdrag><x/></Uppdrag><Fornamn>'), ['UPP-2026-0417']],
    ['an end tag inside a processing instruction', uppdrag.replace('<Fornamn>', '<?note </Uppdrag> ?><Fornamn>'), ['UPP-2026-0417']],
    ['comments and processing instructions between elements', `<!-- <Uppdrag> -->${withId('A')}<?pi x?>\n${withId('B')}`, ['A', 'B']],
  ])('%s', async (_name, body, ids) => {
    const found = xmlOf(await items([Buffer.from(exportOf(body))]));
    expect(found.map((xml) => /id="([^"]*)"/.exec(xml)?.[1])).toEqual(ids);
  });

  it.each<[string, (x: string) => string]>([
    ['an end tag that does not match', (x) => x.replace('</Fornamn>', '</Fornamn2>')],
    ['an end tag of another name for the Uppdrag', (x) => x.replace(/<\/Uppdrag>$/, '</Uppdrag2>\n</Uppdrag>')],
    ['an element never closed', (x) => x.replace('</Fornamn>', '')],
    ['a stray <', (x) => x.replace('Märta', 'Mä<rta')],
    ['an undefined entity', (x) => x.replace('Märta', 'M&x;rta')],
  ])('a broken element (%s) is cut at its first end tag and quarantined alone', async (_name, edit) => {
    const broken = edit(withId('BAD'));
    const found = await items(sizedPieces(Buffer.from(exportOf(broken, withId('GOOD'))), 7));
    expect(xmlOf(found)).toEqual([broken, withId('GOOD')]);
    const context = (found[0] as { context: UppdragContext }).context;
    expect(xmlOf(found).map((xml) => parseUppdragElement(xml, context).ok)).toEqual([false, true]);
  });
});

describe('splitUppdragStream: whole-document refusals', () => {
  const declare = (dtd: string, use: string) => Buffer.from(exportOf(uppdrag.replace('Märta', use)).replace('<Uppdragsexport', `<!DOCTYPE Uppdragsexport [${dtd}]>\n<Uppdragsexport`));

  it.each<[string, Buffer]>([
    ['an internal entity (billion laughs)', declare(`<!ENTITY a "${'x'.repeat(1000)}"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">`, '&b;')],
    ['an external entity', declare('<!ENTITY xxe SYSTEM "file:///etc/passwd">', '&xxe;')],
    ['a parameter entity', declare('<!ENTITY % p "<!ENTITY q \'x\'>"> %p;', '&q;')],
  ])('a DOCTYPE with %s: refused before the root, so before anything is read or expanded', async (_name, buf) => {
    const before: UppdragStreamItem[] = [];
    const err = await rejection(buf, before);
    expect(err.reason).toMatch(/DOCTYPE/);
    expect(err.hazard).toBe(true);
    expect(before).toEqual([]);
  });

  it('UTF-16 is refused', async () => {
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(nyText.replace('UTF-8', 'UTF-16'), 'utf16le')]);
    expect((await rejection(utf16)).reason).toMatch(/UTF-16 is not an encoding the contract allows/);
  });

  it.each<[string, string, RegExp]>([
    ['a CDATA section', exportOf(uppdrag, '<![CDATA[x]]>'), /unexpected text under the root element, after Uppdrag number 1/],
    ['an end tag of another element', exportOf(uppdrag, '</Extra>'), /unexpected an element other than Uppdrag/],
    ['a bad root start tag', nyText.replace('sekvens="18422"', 'sekvens="18422" sekvens="1"'), /not well-formed|sekvens/],
    // Refused as the parser goes down, not once it has stacked 100,000 open elements.
    ['100,000 nested elements in an Uppdrag', exportOf(uppdrag.replace('<Sprak>sv</Sprak>', `${'<a>'.repeat(100_000)}${'</a>'.repeat(100_000)}`)), /nested deeper than 32 levels \(XML_MAX_DEPTH\)/],
  ])('%s', async (_name, text, reason) => {
    expect((await rejection(Buffer.from(text))).reason).toMatch(reason);
  });

  it('the elements before a problem are handed out first, in order', async () => {
    const before: UppdragStreamItem[] = [];
    await rejection(Buffer.from(exportOf(withId('A'), withId('B'), '<Extra/>')), before);
    expect(xmlOf(before)).toEqual([withId('A'), withId('B')]);
  });

  describe(`over XML_MAX_DOCUMENT_BYTES (per element for a dropped file)`, () => {
    beforeAll(() => configureXmlLimits({ maxDocumentBytes: 4000 }));
    afterAll(() => configureXmlLimits(DEFAULT_XML_LIMITS));

    it.each<[string, string, RegExp]>([
      ['an Uppdrag', exportOf(uppdrag, uppdrag.replace('Märta', 'x'.repeat(5000))), /Uppdrag number 2 is larger than 4000 characters \(XML_MAX_DOCUMENT_BYTES\)/],
      ['a broken Uppdrag', exportOf(uppdrag.replace('Märta', `<${'x'.repeat(5000)}`)), /Uppdrag number 1 is larger than 4000/],
      ['what stands between two', exportOf(uppdrag, `<!--${'x'.repeat(5000)}-->`, uppdrag), /more than 4000 characters between two Uppdrag elements/],
      ['the prolog', `<!--${'x'.repeat(5000)}-->${nyText}`, /no root element within the first 4000 characters/],
    ])('%s', async (_name, text, reason) => {
      const err = await rejection(Buffer.from(text));
      expect(err.reason).toMatch(reason);
      expect(err.hazard).toBe(true);
    });

    it('elements up to the limit, many of them, are read', async () => {
      expect(xmlOf(await items(sizedPieces(Buffer.from(exportOf(...Array.from({ length: 50 }, (_, i) => withId(`U${i}`)))), 4096)))).toHaveLength(50);
    });
  });

  it('reading stops at the root end tag and lets the input go', async () => {
    let returned = false;
    const buf = Buffer.from(`${exportOf(uppdrag)}<never-read>`);
    const found: UppdragStreamItem[] = [];
    for await (const item of splitUppdragStream(pieces(sizedPieces(buf, 64), () => (returned = true)))) found.push(item);
    expect(xmlOf(found)).toEqual([uppdrag]);
    expect(returned).toBe(true);
  });
});
