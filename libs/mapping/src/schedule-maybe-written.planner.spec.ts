import type { PlanningStaff, PlanningStaffDay } from '@brygga/domain';
import { EarlierMaybeWritten, possiblyListed, rosterMaybeWritten, RosterMaybeWritten } from './schedule-maybe-written.planner';
import type { PlannedStaffWrite } from './schedule-writes.planner';
import type { SentDay, SentStaff } from './sent-schedule.types';

const staff: PlanningStaff = { employmentNumber: 'E1', firstName: 'A', lastName: 'B', teamId: 'NORR-1', skills: [] };
const sentStaff: SentStaff = { hash: 'S1', unitId: 'NORR-1', staff, qualification: 'USK', delegations: [] };
const off: PlanningStaffDay = { shifts: [], absences: [] };
const w = (hash: string): SentDay => ({ hash, empty: false });
const putStaff = (staffId: string, hash: string): PlannedStaffWrite => ({ operation: { kind: 'putStaff', staffId, staff }, staff: { staffId, sent: { ...sentStaff, hash } } });
const putDay = (staffId: string, date: string, day: SentDay): PlannedStaffWrite => ({ operation: { kind: 'putStaffDay', staffId, date, day: off }, day: { staffId, date, day } });

/** The note as plain data: `{ listed: {date: ids}, staff: {id: {records, days: {date: hashes}}} }`. */
function plain(note: RosterMaybeWritten) {
  return {
    listed: Object.fromEntries(note.listed),
    staff: Object.fromEntries([...note.staff].map(([id, e]) => [id, { ...(e.records && { records: e.records }), days: Object.fromEntries([...e.days].map(([d, days]) => [d, days.map((x) => x.hash)])) }])),
  };
}

describe('rosterMaybeWritten: what the next diff must treat as possibly present', () => {
  it.each<[string, PlannedStaffWrite[], EarlierMaybeWritten, ReturnType<typeof plain>]>([
    ['nothing written: nothing noted', [], {}, { listed: {}, staff: {} }],
    [
      'every body sent, and for the unit whose days it writes',
      [putStaff('E1', 'S1'), putDay('E1', '2026-11-23', w('D1')), putDay('E2', '2026-11-23', w('D2')), putDay('E1', '2026-11-24', w('D3'))],
      {},
      { listed: { '2026-11-23': ['E1', 'E2'], '2026-11-24': ['E1'] }, staff: { E1: { records: ['S1'], days: { '2026-11-23': ['D1'], '2026-11-24': ['D3'] } }, E2: { days: { '2026-11-23': ['D2'] } } } },
    ],
    [
      'added to what an earlier unrecorded apply noted for the same places, each once',
      [putStaff('E1', 'S2'), putDay('E1', '2026-11-23', w('D2'))],
      { listed: new Map([['2026-11-23', ['E9']]]), records: new Map([['E1', ['S1', 'S2']]]), days: new Map([['E1', new Map([['2026-11-23', [w('D1')]]])]]) },
      { listed: { '2026-11-23': ['E1', 'E9'] }, staff: { E1: { records: ['S1', 'S2'], days: { '2026-11-23': ['D1', 'D2'] } } } },
    ],
    [
      'earlier notes for places this apply does not write are left as they are (not rewritten)',
      [putDay('E1', '2026-11-24', w('D4'))],
      { listed: new Map([['2026-11-23', ['E1']]]), records: new Map([['E1', ['S1']]]), days: new Map([['E1', new Map([['2026-11-23', [w('D1')]]])]]) },
      { listed: { '2026-11-24': ['E1'] }, staff: { E1: { days: { '2026-11-24': ['D4'] } } } },
    ],
    ['a staff record only (the daily skills run)', [putStaff('E1', 'S3')], { records: new Map([['E1', ['S1']]]) }, { listed: {}, staff: { E1: { records: ['S1', 'S3'], days: {} } } }],
  ])('%s', (_name, writes, earlier, expected) => {
    expect(plain(rosterMaybeWritten(writes, earlier))).toEqual(expected);
  });

  it('keeps whether a noted day was empty', () => {
    const note = rosterMaybeWritten([putDay('E1', '2026-11-23', { hash: 'E', empty: true })]);
    expect(note.staff.get('E1')?.days.get('2026-11-23')).toEqual([{ hash: 'E', empty: true }]);
  });
});

describe('possiblyListed', () => {
  it.each<[string, string[] | undefined, string[] | undefined, string[]]>([
    ['neither', undefined, undefined, []],
    ['recorded only', ['E2', 'E1'], undefined, ['E1', 'E2']],
    ['an unrecorded apply listed someone the record does not', ['E1'], ['E3', 'E1'], ['E1', 'E3']],
  ])('%s', (_name, recorded, maybe, expected) => {
    expect(possiblyListed(recorded, maybe)).toEqual(expected);
  });
});
