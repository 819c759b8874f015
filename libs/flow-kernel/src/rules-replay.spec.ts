import { changedFields, hasXmlRoot } from './rules-replay';

describe('hasXmlRoot', () => {
  const cases: Array<[string, string, string, boolean]> = [
    ['a plain root', '<Uppdragsexport xmlns="urn:x"><Uppdrag/></Uppdragsexport>', 'Uppdragsexport', true],
    ['after a declaration, a comment and whitespace', '<?xml version="1.0" encoding="UTF-8"?>\n<!-- <ScheduleExport> -->\n  <Uppdragsexport/>', 'Uppdragsexport', true],
    ['with a prefix', '<u:Uppdragsexport xmlns:u="urn:x"/>', 'Uppdragsexport', true],
    ['a name that only begins the same', '<UppdragsexportV2/>', 'Uppdragsexport', false],
    ['another root', '<ScheduleExport/>', 'Uppdragsexport', false],
    ['a DOCTYPE before the root (the parser refuses it later)', '<!DOCTYPE x><ScheduleExport/>', 'ScheduleExport', true],
    ['not XML', 'rules: yes', 'ScheduleExport', false],
  ];
  it.each(cases)('%s', (_name, xml, root, expected) => {
    expect(hasXmlRoot(Buffer.from(xml), root)).toBe(expected);
  });
});

describe('changedFields', () => {
  it('names differing leaves by path, arrays whole, keys present on one side only', () => {
    const a = { minutes: 20, schedule: { kind: 'DAILY', weekdays: ['MO'] }, note: 'x', same: { deep: 1 } };
    const b = { minutes: 25, schedule: { kind: 'DAILY', weekdays: ['MO', 'TU'] }, same: { deep: 1 }, goal: 'y' };
    expect(changedFields(a, b)).toEqual(['goal', 'minutes', 'note', 'schedule.weekdays']);
  });

  it('nothing for equal values, and one name for a value that is not an object', () => {
    expect(changedFields({ a: [1, { b: 2 }] }, { a: [1, { b: 2 }] })).toEqual([]);
    expect(changedFields(1, 2)).toEqual(['(value)']);
  });
});
