import { readUnitIds, SchedulingSystemError } from './scheduling-system.client';

describe('readUnitIds', () => {
  it('reads the ids of the unit list in order', () => {
    const xml = '<?xml version="1.0" encoding="UTF-8"?>\n<Units>\n  <Unit id="NORR-1" name="Norr 1"/>\n  <Unit id="NATT" name="Natt"/>\n</Units>\n';
    expect(readUnitIds(Buffer.from(xml))).toEqual(['NORR-1', 'NATT']);
  });

  it('refuses another root or broken XML, naming the list', () => {
    expect(() => readUnitIds(Buffer.from('<Other/>'))).toThrow(SchedulingSystemError);
    expect(() => readUnitIds(Buffer.from('<Units>'))).toThrow(/unit list/);
  });
});
