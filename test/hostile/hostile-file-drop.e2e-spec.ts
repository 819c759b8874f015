import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { join } from 'node:path';
import { drained, eventually, Harness, quarantined, startHarness } from '../support/e2e-harness';
import { customersOf } from '../support/planning-state';
import { exportOf, personnummer, uppdrag } from '../support/uppdrag-variants';
import { CASE_PUSH_CASES, GOOD_IDENTITY, goodDocument } from './hostile-documents';

const TODAY = { BRYGGA_TODAY: '2026-11-23' };
const body = (name: string): Buffer => {
  const found = CASE_PUSH_CASES.find((c) => c.name === name);
  if (!found) throw new Error(`no hostile case ${name}`);
  return found.body();
};

/** A dropped file the intake refuses: moved to rejected/ beside a reason in words. */
const REJECTED: Array<[string, () => Buffer, RegExp]> = [
  ['not-xml', () => body('not XML'), /not well-formed XML|no root element/],
  ['truncated', () => body('truncated'), /ends before its root element is closed/],
  ['wrong-root', () => body('wrong root'), /root element must be Uppdragsexport/],
  ['billion-laughs', () => body('billion laughs'), /DOCTYPE/],
  ['external-entity', () => body('external entity'), /DOCTYPE/],
  ['parameter-entities', () => body('parameter entities'), /DOCTYPE/],
  ['deep', () => body('100,000 nested elements'), /nested deeper than 32 levels \(XML_MAX_DEPTH\)/],
  ['big-attribute', () => body('a 1 MB attribute'), /attribute value is longer than 4096/],
  ['siblings', () => body('100,000 sibling elements'), /an element other than Uppdrag/],
  ['invalid-utf8', () => body('invalid UTF-8'), /not valid UTF-8/],
  ['latin1-as-utf8', () => body('ISO-8859-1 declared as UTF-8'), /not valid UTF-8/],
  ['utf16', () => body('UTF-16'), /UTF-16 is not an encoding the contract allows/],
  ['proto', () => body('an element named __proto__'), /element name that could alter JavaScript objects/],
  ['constructor', () => body('an element named constructor'), /element name that could alter/],
];

describe('hostile input through the file drop (issue 7)', () => {
  let h: Harness;
  let dir: string;

  beforeAll(async () => {
    dir = await mkdtemp('/tmp/brygga-hostile-drop-');
    h = await startHarness({ ...TODAY, CASE_SYSTEM_DROP_DIR: dir });
  });
  afterAll(async () => h.close());

  it('each refused file lands in rejected/ with its reason; good assignments around them are applied, bad ones quarantined', async () => {
    for (const [name, make] of REJECTED) writeFileSync(join(dir, `${name}.xml`), make());
    // One file mixing a good assignment with per-assignment problems: processed, not rejected.
    const mixed = exportOf(
      uppdrag({ id: 'DROP-GOOD', identityNumber: GOOD_IDENTITY(21) }),
      uppdrag({ id: 'DROP-TID', identityNumber: personnummer(22) }).replace('<Tidpunkt namn="kväll"/>', '<Tidpunkt namn="kväll"/>'.repeat(10_000)),
      uppdrag({ id: 'DROP-50K', identityNumber: personnummer(23) }).replace(
        /<Insats id="INS-4"[\s\S]*?<\/Insats>/,
        Array.from({ length: 50_000 }, (_, i) => `<Insats id="X${i}" kod="INK"><Benamning>I</Benamning><Omfattning><Vidbehov/></Omfattning></Insats>`).join(''),
      ),
      uppdrag({ id: 'DROP-FEB30', identityNumber: personnummer(24) }).replace('startdatum="2026-11-23"', 'startdatum="2026-02-30"'),
    );
    writeFileSync(join(dir, 'mixed.xml'), mixed);
    writeFileSync(join(dir, 'zz-good.xml'), goodDocument('DROP-GOOD-2', 25));

    for (const [name, , reason] of REJECTED) {
      const text = await eventually(async () => (existsSync(join(dir, 'rejected', `${name}.xml.reason.txt`)) ? readFileSync(join(dir, 'rejected', `${name}.xml.reason.txt`), 'utf8') : undefined), `${name} rejected`, 120_000);
      expect(text).toMatch(reason);
      expect(text).not.toMatch(/19\d{6}-\d{4}|Märta|etc\/passwd|polluted/);
    }
    await eventually(async () => (existsSync(join(dir, 'processed', 'mixed.xml')) && existsSync(join(dir, 'processed', 'zz-good.xml')) ? true : undefined), 'the good files processed', 120_000);
    await drained(h, 120_000);
    const customers = await customersOf(h, 'kommunen');
    expect(customers[GOOD_IDENTITY(21)]).toBeDefined();
    expect(customers[GOOD_IDENTITY(25)]).toBeDefined();
    const entries = await quarantined(h, 'interventions');
    const reasons = Object.fromEntries(entries.map((q) => [q.ref, q.reasons.map((r) => r.text).join('; ')]));
    const codes = Object.fromEntries(entries.map((q) => [q.ref, q.reasons.map((r) => r.code)]));
    expect(codes).toMatchObject({ 'DROP-TID': ['record.too-large'], 'DROP-50K': ['record.too-large'], 'DROP-FEB30': ['date.invalid'] });
    expect(reasons['DROP-TID']).toMatch(/holds more than 5000 elements \(XML_MAX_RECORD_ELEMENTS\)/);
    expect(reasons['DROP-50K']).toMatch(/holds more than 5000 elements \(XML_MAX_RECORD_ELEMENTS\)/);
    expect(reasons['DROP-FEB30']).toMatch(/@startdatum: must be a real date/);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  }, 300_000);
});
