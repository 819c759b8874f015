import { drained, flowCounters, harnessPerSpecFile, TODAY, TOKENS } from './support/e2e-harness';
import { golden } from './support/planning-state';
import { EmployeeSpec, scheduleExample, scheduleExport } from './support/schedule-variants';
import { goldenStaffView, simStaff, staffView } from './support/staff-state';

const XML = { 'Content-Type': 'application/xml' };

/** Staff lent between units, and a unit's exports arriving out of order (scheduling-system README). */
describe('schedules across units and out of order (real middleware, Redis and simulators over HTTP)', () => {
  const h = harnessPerSpecFile(TODAY);

  async function push(body: Buffer): Promise<void> {
    const res = await h.http.post(`${h.middleware}/inbound/scheduling-system`, body, { headers: { Authorization: `Bearer ${TOKENS.scheduleInbound}`, ...XML }, transformRequest: (d) => d });
    expect(res.status).toBe(202);
  }

  async function pushApplied(body: Buffer): Promise<void> {
    await push(body);
    await drained(h);
  }

  async function stats(): Promise<Record<string, number>> {
    return flowCounters(h, 'schedules');
  }

  const shiftsOf = async (staffId: string, date: string) => ((await simStaff(h, 'kommunen'))[staffId]?.days[date]?.shifts ?? []).map((s) => `${s.start}/${s.teamId ?? ""}`);

  describe.each([
    ['schedule-norr1.xml', 'schedule-natt-lan.xml'],
    ['schedule-natt-lan.xml', 'schedule-norr1.xml'],
  ])('%s, then %s', (first, second) => {
    it('gives exactly after-schedule-natt-lan.json', async () => {
      await h.fresh(TODAY);
      await pushApplied(scheduleExample(first));
      await pushApplied(scheduleExample(second));
      expect(await staffView(h, 'kommunen')).toEqual(goldenStaffView(golden('after-schedule-natt-lan.json').tenants.kommunen.staff));
      expect((await stats()).quarantined ?? 0).toBe(0);
    });
  });

  it('a lent employee returned: the night patrol republishes without Jonas, his nights go and his NORR-1 days stay', async () => {
    await h.fresh(TODAY);
    await pushApplied(scheduleExample('schedule-norr1.xml'));
    await pushApplied(scheduleExample('schedule-natt-lan.xml'));
    expect(await shiftsOf('E10377', '2026-11-25')).toEqual(['2026-11-25T21:15:00+01:00/NATT']);
    const aino: EmployeeSpec = { id: 'TC-001204', employmentNo: 'E10640', qualification: 'SSK', shifts: [{ date: '2026-11-23', start: '21:15', end: '07:15', type: 'NATT' }] };
    await pushApplied(scheduleExport({ unit: 'NATT', revision: 21, periodStart: '2026-11-23', periodEnd: '2026-11-29', employees: [aino] }));
    const staff = await simStaff(h, 'kommunen');
    expect(staff.E10377.days['2026-11-25']).toEqual({ shifts: [], absences: [] });
    expect(staff.E10377.days['2026-11-26']).toEqual({ shifts: [], absences: [] });
    expect(await shiftsOf('E10377', '2026-11-23')).toEqual(['2026-11-23T13:30:00+01:00/NORR-1']);
    expect(await shiftsOf('E10377', '2026-11-28')).toEqual(['2026-11-28T08:00:00+01:00/NORR-1']);
    expect(staff.E10377.teamId).toBe('NORR-1');
    expect((await stats()).daysWrittenForRemoved).toBe(2);
  });

  const anna = (hour: string, dates: string[]): EmployeeSpec => ({ id: 'TC-20', employmentNo: 'E800020', shifts: dates.map((date) => ({ date, start: hour, end: '16:00' })) });
  const week1 = ['2026-11-23', '2026-11-24'];
  const week2 = ['2026-11-30', '2026-12-01'];
  const twoWeeks = { unit: 'NORR-2', periodStart: '2026-11-23', periodEnd: '2026-12-06' };
  const secondWeek = { unit: 'NORR-2', periodStart: '2026-11-30', periodEnd: '2026-12-06' };

  it('a late older publish applies to the dates no newer export spoke for, and only those', async () => {
    await h.fresh(TODAY);
    await pushApplied(scheduleExport({ ...secondWeek, revision: 8, employees: [anna('09:00', week2)] }));
    await pushApplied(scheduleExport({ ...twoWeeks, revision: 7, employees: [anna('07:00', [...week1, ...week2])] }));
    expect(await shiftsOf('E800020', '2026-11-23')).toEqual(['2026-11-23T07:00:00+01:00/NORR-2']);
    expect(await shiftsOf('E800020', '2026-11-24')).toEqual(['2026-11-24T07:00:00+01:00/NORR-2']);
    expect(await shiftsOf('E800020', '2026-11-30')).toEqual(['2026-11-30T09:00:00+01:00/NORR-2']);
    expect(await shiftsOf('E800020', '2026-12-01')).toEqual(['2026-12-01T09:00:00+01:00/NORR-2']);
    expect(await stats()).toMatchObject({ applied: 2, datesSkippedStale: 7 });
    // Delivered again, it has nothing left to say.
    await pushApplied(scheduleExport({ ...twoWeeks, revision: 7, employees: [anna('07:00', [...week1, ...week2])] }));
    expect((await stats()).skippedStale).toBe(1);
  });

  it.each([
    ['older first', [7, 8]],
    ['newer first', [8, 7]],
  ])('two documents of one unit queued at once (%s): both end up right', async (_order, revisions) => {
    await h.fresh(TODAY);
    const docs: Record<number, Buffer> = {
      7: scheduleExport({ ...twoWeeks, revision: 7, employees: [anna('07:00', [...week1, ...week2])] }),
      8: scheduleExport({ ...secondWeek, revision: 8, employees: [anna('09:00', week2)] }),
    };
    await Promise.all(revisions.map((r) => push(docs[r])));
    await drained(h);
    expect(await shiftsOf('E800020', '2026-11-23')).toEqual(['2026-11-23T07:00:00+01:00/NORR-2']);
    expect(await shiftsOf('E800020', '2026-11-30')).toEqual(['2026-11-30T09:00:00+01:00/NORR-2']);
    expect(await shiftsOf('E800020', '2026-12-01')).toEqual(['2026-12-01T09:00:00+01:00/NORR-2']);
    expect((await stats()).applied).toBe(2);
  });

  it("the simulator's publish, week by week and newest first, lands the same as one publish in order (lent staff included)", async () => {
    const publish = async (extra: Record<string, unknown>) => {
      await h.fresh(TODAY);
      await h.http.delete(`${h.schedulingSystem}/_sim`);
      expect((await h.http.post(`${h.schedulingSystem}/_sim/generate`, { seed: 5, from: '2026-11-23', days: 21 })).status).toBeLessThan(300);
      const res = await h.http.post(`${h.schedulingSystem}/_sim/publish`, { url: `${h.middleware}/inbound/scheduling-system`, token: TOKENS.scheduleInbound, ...extra });
      expect((res.data.published as Array<{ status: number }>).every((p) => p.status === 202)).toBe(true);
      await drained(h);
      return staffView(h, 'kommunen');
    };
    const inOrder = await publish({});
    const outOfOrder = await publish({ chunkDays: 7, outOfOrder: true });
    expect(outOfOrder).toEqual(inOrder);
    expect((await stats()).quarantined ?? 0).toBe(0);
    // Day-team staff with nights in the night patrol: their record keeps the home team, those shifts carry NATT.
    const view = inOrder as Record<string, { staff: { teamId: string }; days: Record<string, { shifts?: Array<{ teamId?: string }> }> }>;
    const lent = Object.values(view).filter((s) => s.staff.teamId !== 'NATT' && Object.values(s.days).some((d) => (d.shifts ?? []).some((x) => x.teamId === 'NATT')));
    expect(lent.map((s) => s.staff.teamId).sort()).toEqual(['NORR-1', 'NORR-2', 'VAST-1']);
  });
});
