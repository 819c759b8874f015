import type { ReasonCode } from '@brygga/domain';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { contractsDir } from '@brygga/config';
import { parseUppdragsexport } from './uppdragsexport.parser';

const nyText = readFileSync(join(contractsDir(), 'case-system', 'examples', 'uppdrag-ny.xml'), 'utf8');
const uppdrag = /<Uppdrag [\s\S]*<\/Uppdrag>/.exec(nyText)?.[0] as string;

/** Replaces exactly one occurrence inside the example Uppdrag, so a row cannot silently test nothing. */
function broken(find: string | RegExp, replace: string): string {
  const out = uppdrag.replace(find, replace);
  if (out === uppdrag) throw new Error(`test setup: ${String(find)} not found`);
  return out;
}

function documentOf(...elements: string[]): Buffer {
  return Buffer.from(nyText.replace(uppdrag, elements.join('\n')));
}

const INS1 = 'Uppdrag/Beslut[BES-88120]/Insats[INS-1]';
const INS3 = 'Uppdrag/Beslut[BES-88120]/Insats[INS-3]';

describe('readUppdrag: each contract rule gives its own reason', () => {
  const rows: Array<[string, string, string, ReasonCode]> = [
    ['missing id', broken(' id="UPP-2026-0417"', ''), 'Uppdrag/@id: is required', 'attribute.missing'],
    ['version 0', broken('version="1"', 'version="0"'), 'Uppdrag/@version: must be a positive whole number', 'number.invalid'],
    ['version not a number', broken('version="1"', 'version="1.5"'), 'Uppdrag/@version: must be a positive whole number', 'number.invalid'],
    ['unknown status', broken('status="aktiv"', 'status="pausad"'), 'Uppdrag/@status: must be one of aktiv, avslutad, makulerad', 'value.not-allowed'],
    ['avslutad without slutdatum', broken('status="aktiv"', 'status="avslutad"'), 'Uppdrag/@slutdatum: is required when status is avslutad', 'attribute.required-when'],
    ['an unreal date', broken('startdatum="2026-11-23"', 'startdatum="2026-02-30"'), 'Uppdrag/@startdatum: must be a real date', 'date.invalid'],
    ['andrad without offset', broken('andrad="2026-11-19T14:12:00+01:00"', 'andrad="2026-11-19T14:12:00"'), 'Uppdrag/@andrad: must be a date-time with an offset', 'date-time.invalid'],
    ['unknown regi', broken('regi="kommunal"', 'regi="statlig"'), 'Uppdrag/Utforare/@regi: must be one of kommunal, privat', 'value.not-allowed'],
    ['a provider code with a space', broken('kod="HT-NORR"', 'kod="HT NORR"'), 'Uppdrag/Utforare/@kod: must be a code', 'code.format'],
    ['missing Brukare', broken(/<Brukare>[\s\S]*<\/Brukare>/, ''), 'Uppdrag/Brukare: is required', 'element.missing'],
    ['Luhn', broken('19380412-5676', '19380412-5677'), 'Uppdrag/Brukare/Personnummer: check digit does not match (Luhn)', 'identity-number.check-digit'],
    ['a 10-digit personnummer', broken('19380412-5676', '380412-5676'), 'Uppdrag/Brukare/Personnummer: must be 12 digits as YYYYMMDD-NNNC', 'identity-number.format'],
    ['both identity numbers', broken('<Personnummer>19380412-5676</Personnummer>', '<Personnummer>19380412-5676</Personnummer><Samordningsnummer>19470161-2345</Samordningsnummer>'), 'Uppdrag/Brukare: exactly one of Personnummer and Samordningsnummer is required', 'element.choice'],
    ['no identity number', broken('<Personnummer>19380412-5676</Personnummer>', ''), 'Uppdrag/Brukare: exactly one of Personnummer and Samordningsnummer is required', 'element.choice'],
    ['SkyddadIdentitet not boolean', broken('<SkyddadIdentitet>false</SkyddadIdentitet>', '<SkyddadIdentitet>nej</SkyddadIdentitet>'), 'Uppdrag/Brukare/SkyddadIdentitet: must be true, false, 1 or 0', 'boolean.invalid'],
    ['empty Fornamn', broken('<Fornamn>Märta</Fornamn>', '<Fornamn></Fornamn>'), 'Uppdrag/Brukare/Fornamn: must be 1 to 200 characters', 'text.length'],
    ['Efternamn too long', broken('<Efternamn>Öberg</Efternamn>', `<Efternamn>${'Ö'.repeat(201)}</Efternamn>`), 'Uppdrag/Brukare/Efternamn: must be 1 to 200 characters', 'text.length'],
    ['Postnummer without space', broken('903 26', '90326'), 'Uppdrag/Brukare/Adress/Postnummer: must be NNN NN', 'postal-code.format'],
    ['Ort missing', broken('<Ort>Umeå</Ort>', ''), 'Uppdrag/Brukare/Adress/Ort: is required', 'element.missing'],
    ['Sprak upper case', broken('<Sprak>sv</Sprak>', '<Sprak>SV</Sprak>'), 'Uppdrag/Brukare/Sprak: must be an ISO 639-1 code', 'language.format'],
    ['unknown key type', broken('typ="digital"', 'typ="kort"'), 'Uppdrag/Brukare/Nyckel/@typ: must be one of fysisk, digital, ingen', 'value.not-allowed'],
    ['digital key without lasId', broken(' lasId="LAS-88213"', ''), 'Uppdrag/Brukare/Nyckel/@lasId: is required when typ is digital', 'attribute.required-when'],
    ['three care contacts', broken('<FastOmsorgskontakt anstallningsnummer="E10234"/>', '<FastOmsorgskontakt anstallningsnummer="E1"/><FastOmsorgskontakt anstallningsnummer="E2"/><FastOmsorgskontakt anstallningsnummer="E3"/>'), 'Uppdrag/FastOmsorgskontakt: must occur at most 2 times', 'element.too-many'],
    ['an unknown element', broken('<Handlaggare', '<Hemlig/><Handlaggare'), 'Uppdrag/Hemlig: unexpected element', 'element.unexpected'],
    ['an unknown attribute', broken('<Handlaggare id', '<Handlaggare extra="x" id'), 'Uppdrag/Handlaggare/@extra: unexpected attribute', 'attribute.unexpected'],
    ['giltigTom before giltigFrom', broken('giltigTom="2027-05-31"', 'giltigTom="2026-01-31"'), 'Uppdrag/Beslut[BES-88120]/@giltigTom: must not be before giltigFrom', 'date.before-start'],
    ['a Beslut without Insats', broken(/<Insats id="INS-1"[\s\S]*<\/Beslut>/, '</Beslut>'), 'Uppdrag/Beslut[BES-88120]/Insats: must occur at least 1 time(s)', 'element.missing'],
    ['missing lagrum', broken(' lagrum="SoL 4 kap. 1 §"', ''), 'Uppdrag/Beslut[BES-88120]/@lagrum: is required', 'attribute.missing'],
    ['Schablon 0', broken('<Schablon minuter="20"/>', '<Schablon minuter="0"/>'), `${INS1}/Schablon/@minuter: must be a whole number of minutes, 1 to 600`, 'number.invalid'],
    ['Schablon 601', broken('<Schablon minuter="20"/>', '<Schablon minuter="601"/>'), `${INS1}/Schablon/@minuter: must be a whole number of minutes, 1 to 600`, 'number.invalid'],
    ['Dagligen 9', broken('<Dagligen tillfallen="2"/>', '<Dagligen tillfallen="9"/>'), `${INS1}/Omfattning/Dagligen/@tillfallen: must be a whole number 1 to 8`, 'number.invalid'],
    ['two extent forms', broken('<Dagligen tillfallen="2"/>', '<Dagligen tillfallen="2"/><Vidbehov/>'), `${INS1}/Omfattning: exactly one of Dagligen, Veckovis, Manadsvis and Vidbehov is required`, 'element.choice'],
    ['no extent form', broken('<Dagligen tillfallen="2"/>', ''), `${INS1}/Omfattning: exactly one of`, 'element.choice'],
    ['nine Tidpunkt', broken('<Tidpunkt namn="kväll"/>', '<Tidpunkt namn="kväll"/>'.repeat(8)), `${INS1}/Omfattning/Tidpunkt: must occur at most 8 times`, 'element.too-many'],
    ['unknown time of day', broken('<Tidpunkt namn="kväll"/>', '<Tidpunkt namn="skymning"/>'), `${INS1}/Omfattning/Tidpunkt[2]/@namn: must be one of morgon,`, 'value.not-allowed'],
    ['tid 24:00', broken('tid="08:00"', 'tid="24:00"'), `${INS1}/Omfattning/Tidpunkt[1]/@tid: must be a time HH:MM`, 'time.invalid'],
    ['tid 8:00', broken('tid="08:00"', 'tid="8:00"'), `${INS1}/Omfattning/Tidpunkt[1]/@tid: must be a time HH:MM`, 'time.invalid'],
    ['dagar with an unknown day', broken('dagar="on"', 'dagar="ons"'), `${INS3}/Omfattning/Veckovis/@dagar: must be weekdays`, 'weekdays.invalid'],
    ['dagar repeating a day', broken('tillfallen="1" intervall="2" dagar="on"', 'tillfallen="2" intervall="2" dagar="on,on"'), `${INS3}/Omfattning/Veckovis/@dagar: must be weekdays`, 'weekdays.invalid'],
    ['tillfallen not the number of dagar', broken('dagar="on"', 'dagar="må,on"'), `${INS3}/Omfattning/Veckovis/@tillfallen: must equal the number of days in dagar`, 'extent.occasions-mismatch'],
    ['intervall 0', broken('intervall="2"', 'intervall="0"'), `${INS3}/Omfattning/Veckovis/@intervall: must be a positive whole number`, 'number.invalid'],
    ['Dubbelbemanning not boolean', broken('<Schablon minuter="20"/>', '<Schablon minuter="20"/><Dubbelbemanning>ja</Dubbelbemanning>'), `${INS1}/Dubbelbemanning: must be true, false, 1 or 0`, 'boolean.invalid'],
    ['Delegering with a space', broken('<Delegering>lakemedel</Delegering>', '<Delegering>lake medel</Delegering>'), 'Insats[INS-2]/Delegering: must be a code', 'code.format'],
    ['an Insats without kod', broken(' kod="STAD"', ''), `${INS3}/@kod: is required`, 'attribute.missing'],
    ['an Insats id twice', broken('id="INS-4"', 'id="INS-3"'), 'Uppdrag/Beslut[BES-88120]/Insats/@id: an Insats id occurs twice', 'id.duplicate'],
  ];

  it.each(rows)('%s', (_name, element, expected, code) => {
    const [result] = parseUppdragsexport(documentOf(element)).results;
    if (result.ok) throw new Error('expected the assignment to be rejected');
    const reason = result.reasons.find((r) => r.text.includes(expected));
    expect(reason).toMatchObject({ code, path: expect.stringMatching(/^Uppdrag(\/|$)/) });
    // The path is the wording's own start: the text is the path, then the rule.
    expect(reason?.text.startsWith(`${reason.path}: `)).toBe(true);
  });

  it('a rejected assignment keeps its id and version where they were readable', () => {
    const [result] = parseUppdragsexport(documentOf(broken('19380412-5676', '19380412-5677'))).results;
    expect(result).toEqual({
      ok: false,
      assignmentId: 'UPP-2026-0417',
      version: 1,
      reasons: [{ code: 'identity-number.check-digit', path: 'Uppdrag/Brukare/Personnummer', text: 'Uppdrag/Brukare/Personnummer: check digit does not match (Luhn)' }],
    });
  });

  it('reasons never carry personal values', () => {
    const element = broken('19380412-5676', '19380412-5677').replace('903 26', '903-26').replace('typ="digital" lasId="LAS-88213"', 'typ="digital"');
    const [result] = parseUppdragsexport(documentOf(element)).results;
    if (result.ok) throw new Error('expected rejection');
    expect(result.reasons).toHaveLength(3);
    for (const secret of ['19380412', '5677', '903-26', 'Märta', 'Öberg', 'Storgatan', '4711']) expect(JSON.stringify(result.reasons)).not.toContain(secret);
  });

  it('accepts the alternative boolean spellings and intervall default', () => {
    const element = broken('<SkyddadIdentitet>false</SkyddadIdentitet>', '<SkyddadIdentitet>1</SkyddadIdentitet>').replace('<Trygghetslarm>true</Trygghetslarm>', '<Trygghetslarm>0</Trygghetslarm>');
    const [result] = parseUppdragsexport(documentOf(element)).results;
    if (!result.ok) throw new Error(result.reasons.map((r) => r.text).join('; '));
    expect(result.assignment.client).toMatchObject({ protectedIdentity: true, safetyAlarm: false });
  });

  it('a good assignment beside a bad one both come out, each on its own', () => {
    const bad = broken('id="UPP-2026-0417"', 'id="UPP-BAD"').replace('<Dagligen tillfallen="2"/>', '<Dagligen tillfallen="0"/>');
    const good = uppdrag.replace('id="UPP-2026-0417"', 'id="UPP-GOOD"');
    const results = parseUppdragsexport(documentOf(bad, good)).results;
    expect(results.map((r) => (r.ok ? r.assignment.id : r.assignmentId))).toEqual(['UPP-BAD', 'UPP-GOOD']);
    expect(results.map((r) => r.ok)).toEqual([false, true]);
  });
});
