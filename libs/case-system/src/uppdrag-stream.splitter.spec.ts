import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { contractsDir } from '@brygga/config';
import { DocumentRejectedError } from './document-rejected.error';
import type { ParsedExport, UppdragContext } from './parsed-export.types';
import { splitUppdragStream } from './uppdrag-stream.splitter';
import { parseUppdragElement, parseUppdragsexport } from './uppdragsexport.parser';

const examples = join(contractsDir(), 'case-system', 'examples');
const example = (name: string): Buffer => readFileSync(join(examples, name));
const nyText = example('uppdrag-ny.xml').toString('utf8');
const uppdrag = /<Uppdrag [\s\S]*<\/Uppdrag>/.exec(nyText)?.[0] as string;

function chunked(buf: Buffer, size: number): Readable {
  const parts: Buffer[] = [];
  for (let i = 0; i < buf.length; i += size) parts.push(buf.subarray(i, i + size));
  return Readable.from(parts);
}

/** The stream path: split, then parse each element alone. */
async function viaStream(input: Readable): Promise<ParsedExport> {
  let context: UppdragContext | undefined;
  const results: ParsedExport['results'] = [];
  for await (const item of splitUppdragStream(input)) {
    if (item.kind === 'header') context = item.context;
    else results.push(parseUppdragElement(item.xml, context as UppdragContext));
  }
  if (!context) throw new Error('no header');
  return { header: context.header, results };
}

async function streamRejection(buf: Buffer): Promise<string> {
  try {
    await viaStream(chunked(buf, 7));
  } catch (err) {
    if (err instanceof DocumentRejectedError) return err.reason;
    throw err;
  }
  throw new Error('expected the document to be rejected');
}

const mixed = nyText.replace(
  uppdrag,
  [
    uppdrag.replace('id="UPP-2026-0417"', 'id="UPP-BAD"').replace('19380412-5676', '19380412-5677'),
    '<!-- a comment with </Uppdrag> inside -->',
    uppdrag.replace('<Anteckning>', '<Anteckning>').replace('<Benamning>Inköp</Benamning>', '<Benamning><![CDATA[Inköp </Uppdrag> & mer]]></Benamning>'),
    uppdrag.replace('id="UPP-2026-0417"', 'id="UPP-ÅÄÖ"'),
  ].join('\n'),
);

describe('splitUppdragStream + parseUppdragElement equal parseUppdragsexport', () => {
  const documents: Array<[string, Buffer]> = [
    ...['uppdrag-ny.xml', 'uppdrag-andrad.xml', 'uppdrag-avslutad.xml', 'uppdrag-latin1.xml'].map((n): [string, Buffer] => [n, example(n)]),
    ['a BOM', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), example('uppdrag-ny.xml')])],
    ['good and bad assignments, CDATA and comments', Buffer.from(mixed)],
    ['a prefixed namespace', Buffer.from(mixed.replace(/<(\/?)([A-Z]\w*)/g, '<$1u:$2').replace('xmlns="urn:se:omsorg:uppdrag:1"', 'xmlns:u="urn:se:omsorg:uppdrag:1"'))],
    ['an empty export', Buffer.from(nyText.replace(uppdrag, ''))],
    ['a self-closing empty export', Buffer.from(nyText.replace(/>\s*<Uppdrag [\s\S]*<\/Uppdragsexport>/, '/>'))],
  ];

  it.each(documents)('%s, one byte at a time and in 4 KB chunks', async (_name, buf) => {
    const whole = parseUppdragsexport(buf);
    expect(await viaStream(chunked(buf, 1))).toEqual(whole);
    expect(await viaStream(chunked(buf, 4096))).toEqual(whole);
  });

  it('the mixed document really holds a bad and good ones, CDATA intact', async () => {
    const { results } = await viaStream(chunked(Buffer.from(mixed), 5));
    expect(results.map((r) => r.ok)).toEqual([false, true, true]);
    const cdata = results[1];
    if (!cdata.ok) throw new Error('expected ok');
    expect(cdata.assignment.decisions[0].interventions[3].name).toBe('Inköp </Uppdrag> & mer');
  });

  it.each<[string, Buffer, RegExp]>([
    ['a truncated document', Buffer.from(nyText.slice(0, nyText.length - 40)), /ends before its root element is closed/],
    ['no root', Buffer.from('<?xml version="1.0"?>\n'), /ends before its root element/],
    ['the wrong namespace', Buffer.from(nyText.replace('uppdrag:1', 'uppdrag:9')), /namespace/],
    ['the wrong root', Buffer.from(nyText.replace(/Uppdragsexport/g, 'Export')), /root element must be Uppdragsexport/],
    ['a foreign element', Buffer.from(nyText.replace('</Uppdragsexport>', '<Extra/></Uppdragsexport>')), /an element other than Uppdrag/],
    ['a bad encoding', Buffer.from(nyText.replace('UTF-8', 'UTF-7')), /declared encoding/],
    ['invalid UTF-8', Buffer.from(nyText, 'latin1'), /not valid UTF-8/],
    ['a bad header', Buffer.from(nyText.replace('sekvens="18422"', 'sekvens="x"')), /@sekvens/],
  ])('rejects %s', async (_name, buf, expected) => {
    expect(await streamRejection(buf)).toMatch(expected);
  });

  it('a malformed element is that element\'s problem only', async () => {
    const doc = nyText.replace(uppdrag, `${uppdrag.replace('<Fornamn>Märta</Fornamn>', '<Fornamn>Märta</Fornamn2>')}\n${uppdrag}`);
    const { results } = await viaStream(chunked(Buffer.from(doc), 1024));
    expect(results.map((r) => r.ok)).toEqual([false, true]);
    // The reason as a whole (text or structured), so that this holds however reasons are shaped.
    expect(JSON.stringify(results[0].ok === false && results[0].reasons[0])).toMatch(/Uppdrag: not well-formed XML/);
  });
});

describe('splitUppdragStream on a large document', () => {
  const COUNT = 15_000;
  const element = uppdrag.replace('id="UPP-2026-0417"', 'id="UPP-N"');

  it('reads ~30 MB incrementally: it never runs far ahead of what it has handed out', async () => {
    let produced = 0;
    let maxLead = 0;
    let consumed = 0;
    const open = Buffer.from(nyText.slice(0, nyText.indexOf(uppdrag)));
    const close = Buffer.from('\n</Uppdragsexport>\n');
    const body = Buffer.from(`${element}\n`);
    function* generate(): Generator<Buffer> {
      produced += open.length;
      yield open;
      // Several elements per chunk, as a socket or file read would deliver them.
      for (let i = 0; i < COUNT; i += 16) {
        const chunk = Buffer.concat(Array.from({ length: Math.min(16, COUNT - i) }, () => body));
        produced += chunk.length;
        yield chunk;
      }
      produced += close.length;
      yield close;
    }
    let count = 0;
    let context: UppdragContext | undefined;
    for await (const item of splitUppdragStream(Readable.from(generate()))) {
      if (item.kind === 'header') {
        context = item.context;
        continue;
      }
      consumed += Buffer.byteLength(item.xml) + 1;
      maxLead = Math.max(maxLead, produced - consumed - open.length);
      if (count % 1000 === 0) expect(parseUppdragElement(item.xml, context as UppdragContext).ok).toBe(true);
      count++;
    }
    expect(produced).toBeGreaterThan(30 * 1024 * 1024);
    expect(count).toBe(COUNT);
    // Readable.from buffers up to 16 chunks ahead (~16 x 16 elements); the splitter itself holds one chunk.
    expect(maxLead).toBeLessThan(20 * 16 * body.length);
    expect(maxLead).toBeLessThan(produced / 10);
  });
});
