import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { contractsDir } from '@brygga/config';
import type { Assignment } from '@brygga/domain';
import { DocumentRejectedError } from './document-rejected.error';
import type { UppdragResult } from './parsed-export.types';
import { parseUppdragsexport } from './uppdragsexport.parser';

const examples = join(contractsDir(), 'case-system', 'examples');
const example = (name: string): Buffer => readFileSync(join(examples, name));
const nyText = example('uppdrag-ny.xml').toString('utf8');

function only(results: UppdragResult[]): Assignment {
  expect(results).toHaveLength(1);
  const [r] = results;
  if (!r.ok) throw new Error(`expected ok, got ${r.reasons.map((r) => r.text).join('; ')}`);
  return r.assignment;
}

function rejection(buf: Buffer): string {
  try {
    parseUppdragsexport(buf);
  } catch (err) {
    if (err instanceof DocumentRejectedError) return err.reason;
    throw err;
  }
  throw new Error('expected the document to be rejected');
}

describe('parseUppdragsexport: the contract examples', () => {
  it.each(['uppdrag-ny.xml', 'uppdrag-andrad.xml', 'uppdrag-avslutad.xml', 'uppdrag-latin1.xml'])('%s parses', (name) => {
    const parsed = parseUppdragsexport(example(name));
    expect(parsed.header.kalla).toBe('treserva-umea');
    expect(only(parsed.results).id).toMatch(/^UPP-2026-/);
  });

  it('uppdrag-ny.xml holds the header and the whole assignment', () => {
    const parsed = parseUppdragsexport(example('uppdrag-ny.xml'));
    expect(parsed.header).toEqual({ skapad: '2026-11-20T06:00:12+01:00', sekvens: 18422, kalla: 'treserva-umea' });
    const a = only(parsed.results);
    expect(a).toMatchObject({ sourceSystem: 'treserva-umea', version: 1, status: 'aktiv', startDate: '2026-11-23', fixedCareContacts: ['E10234'] });
    expect(a.endDate).toBeUndefined();
    expect(a.client).toMatchObject({ identityKind: 'personnummer', firstName: 'Märta', key: { kind: 'digital', lockId: 'LAS-88213' }, safetyAlarm: true });
    expect(a.client.address).toEqual({ street: 'Storgatan 12 B', postalCode: '903 26', city: 'Umeå', doorCode: '4711' });
    const [decision] = a.decisions;
    expect(decision).toMatchObject({ id: 'BES-88120', validFrom: '2026-11-23', validTo: '2027-05-31', legalBasis: 'SoL 4 kap. 1 §' });
    expect(decision.interventions.map((i) => i.id)).toEqual(['INS-1', 'INS-2', 'INS-3', 'INS-4']);
    expect(decision.interventions[0]).toMatchObject({ standardMinutes: 20, extent: { kind: 'daily', occasions: 2, times: [{ name: 'morgon', exactTime: '08:00' }, { name: 'kväll' }] } });
    expect(decision.interventions[1]).toMatchObject({ delegation: 'lakemedel', doubleStaffing: false });
    expect(decision.interventions[2].extent).toEqual({ kind: 'weekly', occasions: 1, intervalWeeks: 2, weekdays: ['on'], times: [{ name: 'förmiddag' }] });
    expect(decision.interventions[3].extent).toEqual({ kind: 'weekly', occasions: 1, intervalWeeks: 1, times: [] });
  });

  it('uppdrag-latin1.xml keeps its Swedish letters and the samordningsnummer', () => {
    const a = only(parseUppdragsexport(example('uppdrag-latin1.xml')).results);
    expect(a.client).toMatchObject({ firstName: 'Åke', lastName: 'Ärlebäck-Söderström', identityKind: 'samordningsnummer', protectedIdentity: true });
    expect(a.client.address.street).toBe('Västra Ågatan 5');
    expect(a.provider.code).toBe('HT-VÄST');
    expect(a.assessor.name).toBe('Sören Ölund');
    expect(a.decisions[0].validTo).toBeUndefined();
    expect(a.decisions[0].interventions[2].extent).toEqual({ kind: 'asNeeded', times: [] });
  });

  it('uppdrag-avslutad.xml carries slutdatum, the note and double staffing', () => {
    const a = only(parseUppdragsexport(example('uppdrag-avslutad.xml')).results);
    expect(a).toMatchObject({ status: 'avslutad', endDate: '2027-01-15', version: 3 });
    const dusch = a.decisions[0].interventions.find((i) => i.id === 'INS-5');
    expect(dusch).toMatchObject({ doubleStaffing: true, note: expect.stringContaining('duschstol') });
  });
});

describe('parseUppdragsexport: encodings and whole-document rejections', () => {
  it('strips a UTF-8 byte-order mark', () => {
    const withBom = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), example('uppdrag-ny.xml')]);
    expect(only(parseUppdragsexport(withBom).results).client.lastName).toBe('Öberg');
  });

  it('decodes a lower-case latin1 declaration', () => {
    const text = nyText.replace('encoding="UTF-8"', "encoding='latin1'");
    expect(only(parseUppdragsexport(Buffer.from(text, 'latin1')).results).client.firstName).toBe('Märta');
  });

  it('decodes numeric character references once', () => {
    const text = nyText.replace('<Fornamn>Märta</Fornamn>', '<Fornamn>M&#228;rta &amp;#229;</Fornamn>');
    expect(only(parseUppdragsexport(Buffer.from(text)).results).client.firstName).toBe('Märta &#229;');
  });

  it.each<[string, Buffer, RegExp]>([
    ['an undeclared-for encoding', Buffer.from(nyText.replace('UTF-8', 'windows-1252')), /declared encoding is not one the contract allows/],
    ['latin1 bytes declared UTF-8', Buffer.from(nyText, 'latin1'), /not valid UTF-8/],
    ['UTF-16', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(nyText, 'utf16le')]), /UTF-16/],
    ['a BOM on a latin1 document', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(nyText.replace('UTF-8', 'ISO-8859-1'), 'latin1')]), /byte-order mark contradicts/],
    ['not XML at all', Buffer.from('{"uppdrag": []}'), /not well-formed XML/],
    ['a truncated document', Buffer.from(nyText.slice(0, 1500)), /not well-formed XML/],
    ['the wrong root', Buffer.from(nyText.replace(/Uppdragsexport/g, 'Export')), /root element must be Uppdragsexport/],
    ['the wrong namespace', Buffer.from(nyText.replace('urn:se:omsorg:uppdrag:1', 'urn:se:omsorg:uppdrag:2')), /namespace urn:se:omsorg:uppdrag:1/],
    ['no namespace', Buffer.from(nyText.replace(' xmlns="urn:se:omsorg:uppdrag:1"', '')), /namespace urn:se:omsorg:uppdrag:1/],
    ['a bad sekvens', Buffer.from(nyText.replace('sekvens="18422"', 'sekvens="-1"')), /@sekvens: must be a whole number/],
    ['a skapad without offset', Buffer.from(nyText.replace('skapad="2026-11-20T06:00:12+01:00"', 'skapad="2026-11-20T06:00:12"')), /@skapad: must be a date-time with an offset/],
    ['a foreign element under the root', Buffer.from(nyText.replace('</Uppdragsexport>', '<Extra/></Uppdragsexport>')), /unexpected element/],
  ])('rejects %s', (_name, buf, expected) => {
    expect(rejection(buf)).toMatch(expected);
  });

  it('accepts a prefixed namespace', () => {
    const text = nyText
      .replace(/<(\/?)([A-Z]\w*)/g, '<$1u:$2')
      .replace('xmlns="urn:se:omsorg:uppdrag:1"', 'xmlns:u="urn:se:omsorg:uppdrag:1"');
    expect(only(parseUppdragsexport(Buffer.from(text)).results).decisions[0].interventions).toHaveLength(4);
  });

  it('rejects a prefixed root whose prefix is bound elsewhere', () => {
    const text = nyText.replace(/<(\/?)([A-Z]\w*)/g, '<$1u:$2').replace('xmlns="urn:se:omsorg:uppdrag:1"', 'xmlns:u="urn:other" xmlns="urn:se:omsorg:uppdrag:1"');
    expect(rejection(Buffer.from(text))).toMatch(/namespace/);
  });

  it('accepts an export with no Uppdrag', () => {
    const text = nyText.replace(/<Uppdrag [\s\S]*<\/Uppdrag>/, '');
    expect(parseUppdragsexport(Buffer.from(text)).results).toEqual([]);
  });
});

describe('parseUppdragsexport: an Uppdrag over XML_MAX_RECORD_ELEMENTS', () => {
  it('is quarantined by id and version without being built; the others go on', () => {
    const text = readFileSync(join(contractsDir(), 'case-system/examples/uppdrag-ny.xml'), 'utf8');
    const one = text.slice(text.indexOf('<Uppdrag '), text.indexOf('</Uppdrag>') + '</Uppdrag>'.length);
    const big = one.replace('id="UPP-2026-0417"', 'id="BIG"').replace('<Sprak>sv</Sprak>', '<Sprak>sv</Sprak>'.repeat(25_000));
    const { results } = parseUppdragsexport(Buffer.from(text.replace(one, `${big}\n${one}`)));
    expect(results[0]).toEqual({
      ok: false,
      assignmentId: 'BIG',
      version: 1,
      reasons: [{ code: 'record.too-large', path: 'Uppdrag', text: 'Uppdrag: holds more than 5000 elements (XML_MAX_RECORD_ELEMENTS), too many for one assignment' }],
    });
    expect(results[1].ok).toBe(true);
  });
});
