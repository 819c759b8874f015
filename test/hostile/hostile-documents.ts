import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { contractsDir } from '@brygga/config';
import type { ReasonCode } from '@brygga/domain';
import { exportOf, personnummer, uppdrag } from '../support/uppdrag-variants';

/**
 * The documents of the hostile-input suite (issue 7), each with the answer the README
 * documents for it. Bodies are built on demand: some are megabytes.
 */
export interface HostileCase {
  name: string;
  body: () => Buffer;
  /** Headers on top of a correct token and `application/xml`; `null` removes one. */
  headers?: Record<string, string | null>;
  /** Appended to the URL (a token in the query string). */
  query?: string;
  status: number;
  /** What the problem's `detail` must say (4xx). */
  detail?: RegExp;
  /** For 202: the assignment quarantined, the rule its reason must name and the reason's code. */
  quarantined?: { ref: string; reason: RegExp; code: ReasonCode };
}

const DECL = '<?xml version="1.0" encoding="UTF-8"?>\n';
const ROOT_OPEN = '<Uppdragsexport xmlns="urn:se:omsorg:uppdrag:1" skapad="2026-11-20T06:00:12+01:00" sekvens="1" kalla="treserva-umea">';
const utf8 = (s: string) => Buffer.from(s, 'utf8');
const one = (id: string, n: number, edit: (xml: string) => string = (x) => x) => exportOf(edit(uppdrag({ id, identityNumber: personnummer(n) })));

/** A DOCTYPE in front of a good export. */
const withDoctype = (dtd: string, use = '') => () => utf8(`${DECL}<!DOCTYPE Uppdragsexport [${dtd}]>\n${ROOT_OPEN}${use}</Uppdragsexport>`);
const BILLION_LAUGHS = ['<!ENTITY lol "lol">', ...Array.from({ length: 9 }, (_, i) => `<!ENTITY lol${i + 1} "${`&lol${i || ''};`.repeat(10)}">`)].join('');

export const GOOD_IDENTITY = (n: number) => personnummer(n);
export const goodDocument = (id: string, n: number): Buffer => one(id, n);

export const CASE_PUSH_CASES: HostileCase[] = [
  { name: 'not XML', body: () => utf8('{"uppdrag": []}'), status: 400, detail: /not well-formed XML/ },
  { name: 'truncated', body: () => goodDocument('TRUNC', 1).subarray(0, 900), status: 400, detail: /not well-formed XML/ },
  { name: 'wrong root', body: () => utf8(goodDocument('ROOT', 1).toString('utf8').replace(/Uppdragsexport/g, 'Export')), status: 400, detail: /root element must be Uppdragsexport/ },
  { name: 'wrong namespace', body: () => utf8(goodDocument('NS', 1).toString('utf8').replace('uppdrag:1', 'uppdrag:2')), status: 400, detail: /namespace urn:se:omsorg:uppdrag:1/ },
  { name: 'billion laughs', body: withDoctype(BILLION_LAUGHS, '&lol9;'), status: 400, detail: /DOCTYPE/ },
  { name: 'external entity', body: withDoctype('<!ENTITY xxe SYSTEM "file:///etc/passwd">', '&xxe;'), status: 400, detail: /DOCTYPE/ },
  { name: 'parameter entities', body: withDoctype('<!ENTITY % p "<!ENTITY q \'x\'>"> %p;', '&q;'), status: 400, detail: /DOCTYPE/ },
  { name: 'an undeclared entity without a DOCTYPE', body: () => one('ENT', 1, (x) => x.replace('Märta', '&lol9;')), status: 400, detail: /entity XML does not predefine/ },
  { name: 'numeric-entity expansion (100,000 references in one attribute)', body: () => one('NUM', 1, (x) => x.replace('namn="Karin Lindqvist"', `namn="${'&#65;'.repeat(100_000)}"`)), status: 400, detail: /attribute value is longer than 4096 characters \(XML_MAX_ATTRIBUTE_LENGTH\)/ },
  { name: 'a character reference to NUL', body: () => one('NUL', 1, (x) => x.replace('Märta', '&#0;')), status: 400, detail: /character XML does not allow/ },
  { name: '100,000 nested elements', body: () => one('DEEP', 1, (x) => x.replace('<Sprak>sv</Sprak>', `${'<Sprak>'.repeat(100_000)}${'</Sprak>'.repeat(100_000)}`)), status: 400, detail: /nested deeper than 32 levels \(XML_MAX_DEPTH\)/ },
  { name: 'a 1 MB attribute', body: () => one('ATTR', 1, (x) => x.replace('namn="Karin Lindqvist"', `namn="${'x'.repeat(1024 * 1024)}"`)), status: 400, detail: /attribute value is longer/ },
  { name: '100,000 sibling elements', body: () => utf8(`${DECL}${ROOT_OPEN}${'<Extra/>'.repeat(100_000)}</Uppdragsexport>`), status: 400, detail: /Uppdragsexport\/Extra: unexpected element/ },
  { name: 'a body over INBOUND_MAX_BYTES', body: () => Buffer.alloc(10 * 1024 * 1024 + 1, 0x20), status: 413, detail: /the limit is 10485760 bytes/ },
  { name: 'invalid UTF-8', body: () => Buffer.concat([utf8(`${DECL}${ROOT_OPEN}`), Buffer.from([0xc3, 0x28, 0xff]), utf8('</Uppdragsexport>')]), status: 400, detail: /not valid UTF-8/ },
  { name: 'ISO-8859-1 declared as UTF-8', body: () => Buffer.from(goodDocument('LAT', 1).toString('utf8'), 'latin1'), status: 400, detail: /not valid UTF-8/ },
  { name: 'UTF-16', body: () => Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(goodDocument('U16', 1).toString('utf8').replace('UTF-8', 'UTF-16'), 'utf16le')]), status: 400, detail: /UTF-16 is not an encoding the contract allows/ },
  { name: 'an element named __proto__', body: () => one('PROTO', 1, (x) => x.replace('<Sprak>sv</Sprak>', '<__proto__><polluted>yes</polluted></__proto__>')), status: 400, detail: /element name that could alter JavaScript objects/ },
  { name: 'an element named constructor', body: () => one('CTOR', 1, (x) => x.replace('<Sprak>sv</Sprak>', '<constructor><prototype polluted="yes"/></constructor>')), status: 400, detail: /element name that could alter/ },
  { name: 'an attribute named __proto__', body: () => one('PATTR', 1, (x) => x.replace('<Handlaggare ', '<Handlaggare __proto__="yes" ')), status: 400, detail: /attribute name that could alter/ },
  { name: 'a bad check digit', body: () => one('Q-LUHN', 1, (x) => x.replace(personnummer(1), `${personnummer(1).slice(0, -1)}${(Number(personnummer(1).slice(-1)) + 1) % 10}`)), status: 202, quarantined: { ref: 'Q-LUHN', reason: /Personnummer: check digit does not match \(Luhn\)/, code: 'identity-number.check-digit' } },
  { name: 'month 13', body: () => one('Q-MONTH', 1, (x) => x.replace(/<Personnummer>(\d{4})\d\d/, '<Personnummer>$113')), status: 202, quarantined: { ref: 'Q-MONTH', reason: /Personnummer: the date is not a real date/, code: 'identity-number.date' } },
  { name: 'a samordningsnummer with day 95', body: () => one('Q-SAMORD', 1, (x) => x.replace(/<Personnummer>(\d{6})\d\d(-\d{4})<\/Personnummer>/, '<Samordningsnummer>$195$2</Samordningsnummer>')), status: 202, quarantined: { ref: 'Q-SAMORD', reason: /Samordningsnummer: the day of a samordningsnummer must be 61 to 91/, code: 'identity-number.coordination-day' } },
  { name: 'startdatum 2026-02-30', body: () => one('Q-FEB30', 1, (x) => x.replace('startdatum="2026-11-23"', 'startdatum="2026-02-30"')), status: 202, quarantined: { ref: 'Q-FEB30', reason: /Uppdrag\/@startdatum: must be a real date/, code: 'date.invalid' } },
  { name: 'negative minutes', body: () => one('Q-NEG', 1, (x) => x.replace('<Schablon minuter="20"/>', '<Schablon minuter="-20"/>')), status: 202, quarantined: { ref: 'Q-NEG', reason: /Schablon\/@minuter: must be a whole number of minutes, 1 to 600/, code: 'number.invalid' } },
  { name: 'a huge number', body: () => one('Q-HUGE', 1, (x) => x.replace('version="1"', 'version="99999999999999999999999"')), status: 202, quarantined: { ref: 'Q-HUGE', reason: /Uppdrag\/@version: must be a positive whole number/, code: 'number.invalid' } },
  { name: '10,000 Tidpunkt', body: () => one('Q-TID', 1, (x) => x.replace('<Tidpunkt namn="kväll"/>', '<Tidpunkt namn="kväll"/>'.repeat(10_000))), status: 202, quarantined: { ref: 'Q-TID', reason: /holds more than 5000 elements \(XML_MAX_RECORD_ELEMENTS\)/, code: 'record.too-large' } },
  { name: 'an Uppdrag of 50,000 interventions', body: () => one('Q-50K', 1, (x) => x.replace(/<Insats id="INS-4"[\s\S]*?<\/Insats>/, Array.from({ length: 50_000 }, (_, i) => `<Insats id="X${i}" kod="INK"><Benamning>I</Benamning><Omfattning><Vidbehov/></Omfattning></Insats>`).join(''))), status: 202, quarantined: { ref: 'Q-50K', reason: /holds more than 5000 elements \(XML_MAX_RECORD_ELEMENTS\)/, code: 'record.too-large' } },
  { name: 'an empty export', body: () => utf8(`${DECL}${ROOT_OPEN}</Uppdragsexport>`), status: 202 },
  { name: 'no token', body: () => goodDocument('TOK', 1), headers: { Authorization: null }, status: 401, detail: /missing or wrong bearer token/ },
  { name: 'a wrong token', body: () => goodDocument('TOK', 1), headers: { Authorization: 'Bearer case-push-demo-tokem' }, status: 401 },
  { name: 'a token in the query string', body: () => goodDocument('TOK', 1), headers: { Authorization: null }, query: '?access_token=case-push-demo-token&token=case-push-demo-token', status: 401 },
  { name: 'a Content-Type lie (JSON)', body: () => goodDocument('CT', 1), headers: { 'Content-Type': 'application/json' }, status: 415 },
  { name: 'a Content-Type lie (charset)', body: () => goodDocument('CT', 1), headers: { 'Content-Type': 'application/xml; charset=ISO-8859-1' }, status: 400, detail: /charset ISO-8859-1 disagrees with the document's declared encoding UTF-8/ },
];

const norr1 = (): string => readFileSync(join(contractsDir(), 'scheduling-system', 'examples', 'schedule-norr1.xml'), 'utf8');
const schedule = (edit: (xml: string) => string) => () => utf8(edit(norr1()));

export const SCHEDULE_PUSH_CASES: HostileCase[] = [
  { name: 'not XML', body: () => utf8('not xml at all'), status: 400, detail: /not well-formed XML/ },
  { name: 'truncated', body: schedule((x) => x.slice(0, x.length / 2)), status: 400, detail: /not well-formed XML/ },
  { name: 'wrong root', body: schedule((x) => x.replace(/ScheduleExport/g, 'Export')), status: 400, detail: /root element must be ScheduleExport/ },
  { name: 'billion laughs', body: schedule((x) => x.replace('<ScheduleExport', `<!DOCTYPE ScheduleExport [${BILLION_LAUGHS}]><ScheduleExport`)), status: 400, detail: /DOCTYPE/ },
  { name: 'external entity', body: schedule((x) => x.replace('<ScheduleExport', '<!DOCTYPE ScheduleExport [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><ScheduleExport')), status: 400, detail: /DOCTYPE/ },
  { name: '100,000 nested elements', body: schedule((x) => x.replace('</Unit>', `${'<Employee>'.repeat(100_000)}${'</Employee>'.repeat(100_000)}</Unit>`)), status: 400, detail: /nested deeper than 32 levels/ },
  { name: 'a 1 MB attribute', body: schedule((x) => x.replace('costCenter="', `costCenter="${'9'.repeat(1024 * 1024)}`)), status: 400, detail: /attribute value is longer/ },
  { name: '100,000 sibling elements', body: schedule((x) => x.replace('</Unit>', `${'<Extra/>'.repeat(100_000)}</Unit>`)), status: 400, detail: /holds an element Extra that the schema does not define/ },
  { name: 'an element named __proto__', body: schedule((x) => x.replace('</Unit>', '<__proto__ polluted="yes"/></Unit>')), status: 400, detail: /element name that could alter/ },
  { name: 'an attribute named constructor', body: schedule((x) => x.replace('<Unit ', '<Unit constructor="x" ')), status: 400, detail: /attribute name that could alter/ },
  { name: 'UTF-16', body: () => Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(norr1().replace('UTF-8', 'UTF-16'), 'utf16le')]), status: 400, detail: /UTF-16/ },
  { name: 'ISO-8859-1 declared as UTF-8', body: () => Buffer.from(norr1().replace('</Unit>', '<!-- Åsa --></Unit>'), 'latin1'), status: 400, detail: /not valid UTF-8/ },
  { name: 'a body over INBOUND_MAX_BYTES', body: () => Buffer.alloc(10 * 1024 * 1024 + 1, 0x20), status: 413 },
  { name: 'no token', body: schedule((x) => x), headers: { Authorization: null }, status: 401 },
];
