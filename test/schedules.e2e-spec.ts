import { drained, eventually, flowCounters, harnessPerSpecFile, quarantined, TODAY, TOKENS } from './support/e2e-harness';
import { golden } from './support/planning-state';
import { EmployeeSpec, scheduleExample, scheduleExport } from './support/schedule-variants';
import { goldenStaffView, requestCounts, simStaff, staffView } from './support/staff-state';

const XML = { 'Content-Type': 'application/xml' };

describe('schedules flow (real middleware, Redis and simulators over HTTP)', () => {
  const h = harnessPerSpecFile(TODAY);

  async function push(body: Buffer, token = TOKENS.scheduleInbound, headers: Record<string, string> = XML) {
    return h.http.post(`${h.middleware}/inbound/scheduling-system`, body, { headers: { Authorization: `Bearer ${token}`, ...headers }, transformRequest: (d) => d });
  }

  async function pushApplied(body: Buffer): Promise<void> {
    const res = await push(body);
    expect(res.status).toBe(202);
    await settled();
  }

  async function settled(): Promise<void> {
    await drained(h);
  }

  async function stats(): Promise<Record<string, number>> {
    return flowCounters(h, 'schedules');
  }

  const goldenCases: Array<[string, string, string, string]> = [
    ['after-schedule-norr1.json', 'schedule-norr1.xml', '2026-11-23', '6'],
    ['after-schedule-natt-dst.json', 'schedule-natt-dst.xml', '2026-10-24', '2'],
  ];

  describe.each(goldenCases)('%s', (file, example, pullToday, horizon) => {
    const expected = () => goldenStaffView(golden(file).tenants.kommunen.staff);

    it('pushed, gives exactly the golden staff and days', async () => {
      await h.fresh(TODAY);
      await pushApplied(scheduleExample(example));
      expect(await staffView(h, 'kommunen')).toEqual(expected());
    });

    it('pulled by the poller, gives the same', async () => {
      await h.http.delete(`${h.schedulingSystem}/_sim`);
      const put = await h.http.post(`${h.schedulingSystem}/_sim/schedules`, scheduleExample(example).toString('utf8'), { headers: XML });
      expect(put.status).toBe(200);
      await h.fresh({ BRYGGA_TODAY: pullToday, SCHEDULING_POLL_SECONDS: '1', SCHEDULING_HORIZON_DAYS: horizon, SCHEDULING_SYSTEM_TOKEN: TOKENS.scheduleApi });
      const want = JSON.stringify(expected());
      await eventually(async () => (JSON.stringify(await staffView(h, 'kommunen')) === want ? true : undefined), 'the pulled roster to land');
      expect(await staffView(h, 'kommunen')).toEqual(expected());
      await h.fresh(TODAY);
    });
  });

  it('inbound answers 401, 415, 400 (with the reason) and 202', async () => {
    await h.fresh(TODAY);
    expect((await push(scheduleExample('schedule-norr1.xml'), 'wrong')).status).toBe(401);
    expect((await push(scheduleExample('schedule-norr1.xml'), TOKENS.scheduleInbound, { 'Content-Type': 'text/plain' })).status).toBe(415);
    const bad = await push(Buffer.from('<NotAnExport/>'));
    expect(bad.status).toBe(400);
    expect(bad.data.detail).toMatch(/ScheduleExport/);
    const ok = await push(scheduleExample('schedule-norr1.xml'));
    expect(ok.status).toBe(202);
    expect(typeof ok.data.documentId).toBe('string');
    await settled();
  });

  describe('DST nights, a skipped-hour time, skills (NORR-2, today 2026-11-23)', () => {
    const good: EmployeeSpec = {
      id: 'TC-1',
      employmentNo: 'E900001',
      qualification: 'SSK',
      delegations: [
        { type: 'insulin', validTo: '2026-11-22' },
        { type: 'lakemedel', validTo: '2026-11-23' },
      ],
      shifts: [
        { date: '2026-03-28', start: '21:00', end: '07:00', type: 'NATT', breaks: [['01:00', '01:30']] },
        { date: '2026-10-24', start: '21:00', end: '07:00', type: 'NATT', breaks: [['02:40', '02:20']] },
      ],
      absences: [{ date: '2026-03-29', code: 'SEM' }, { date: '2026-10-25', code: 'SJK', from: '12:00', to: '16:00' }],
    };
    const skipped: EmployeeSpec = { id: 'TC-2', employmentNo: 'E900002', shifts: [{ date: '2026-03-28', start: '21:00', end: '07:00', type: 'NATT', breaks: [['02:30', '02:45']] }] };

    it('applies the good employee with DST-correct instants and quarantines the other by id and time', async () => {
      await h.fresh(TODAY);
      await pushApplied(scheduleExport({ unit: 'NORR-2', revision: 3, periodStart: '2026-03-28', periodEnd: '2026-10-25', employees: [good, skipped] }));
      const staff = await simStaff(h, 'kommunen');
      expect(Object.keys(staff)).toEqual(['E900001']);
      expect(staff.E900001.skills).toEqual(['DEL-LAKEMEDEL', 'SSK', 'USK']);
      const spring = staff.E900001.days['2026-03-28'].shifts[0];
      expect([spring.start, spring.end]).toEqual(['2026-03-28T21:00:00+01:00', '2026-03-29T07:00:00+02:00']);
      expect(Date.parse(spring.end) - Date.parse(spring.start)).toBe(9 * 3600_000);
      const autumn = staff.E900001.days['2026-10-24'].shifts[0];
      expect(Date.parse(autumn.end) - Date.parse(autumn.start)).toBe(11 * 3600_000);
      // 02:40 is the first 02:40; 02:20 after it can only be the second 02:20.
      expect(autumn.breaks.map((b) => [new Date(b.start).toISOString(), new Date(b.end).toISOString()])).toEqual([['2026-10-25T00:40:00.000Z', '2026-10-25T01:20:00.000Z']]);
      const wholeDay = staff.E900001.days['2026-03-29'].absences[0];
      expect([wholeDay.start, wholeDay.end].map((t) => new Date(t).toISOString())).toEqual(['2026-03-28T23:00:00.000Z', '2026-03-29T22:00:00.000Z']);
      const partial = staff.E900001.days['2026-10-25'].absences[0];
      expect([partial.start, partial.end].map((t) => new Date(t).toISOString())).toEqual(['2026-10-25T11:00:00.000Z', '2026-10-25T15:00:00.000Z']);
      const quarantine = await quarantined(h, 'schedules');
      expect(quarantine.map((q) => q.ref)).toEqual(['TC-2']);
      expect(quarantine[0].reasons.map((r) => r.text).join(' ')).toMatch(/TC-2.*02:30/);
      expect(quarantine[0].reasons.map((r) => r.code)).toEqual(['local-time.skipped']);
      expect(JSON.stringify(quarantine)).not.toMatch(/Person|Test/);
      expect(await stats()).toMatchObject({ quarantined: 1, 'quarantined:local-time.skipped': 1 });
    });

    it('the daily skills run drops a delegation the day after its last day', async () => {
      const { JobProducer } = await import('@brygga/queue');
      const producer = new JobProducer(h.redis, h.prefix);
      try {
        await producer.enqueue('staff-skills.reevaluate', { v: 1, date: '2026-11-24' });
        await eventually(async () => ((await simStaff(h, 'kommunen')).E900001.skills.includes('DEL-LAKEMEDEL') ? undefined : true), 'the expired skill to go');
        expect((await simStaff(h, 'kommunen')).E900001.skills).toEqual(['SSK', 'USK']);
      } finally {
        await producer.close();
      }
    });
  });

  describe('changes over revisions (NORR-1, one week)', () => {
    const week = { unit: 'NORR-1', periodStart: '2026-11-23', periodEnd: '2026-11-29' };
    const anna: EmployeeSpec = { id: 'TC-10', employmentNo: 'E800010', shifts: [{ date: '2026-11-23', start: '07:00', end: '16:00' }, { date: '2026-11-24', start: '07:00', end: '16:00' }] };
    const bo: EmployeeSpec = { id: 'TC-11', employmentNo: 'E800011', qualification: 'VB', shifts: [{ date: '2026-11-25', start: '13:00', end: '22:00', type: 'KVÄLL' }] };

    beforeAll(async () => {
      await h.fresh(TODAY);
      await pushApplied(scheduleExport({ ...week, revision: 10, employees: [anna, bo] }));
    });

    it('a republish with one changed shift is exactly one day write and no staff write', async () => {
      const before = await requestCounts(h, 'kommunen');
      const changed = { ...anna, shifts: [anna.shifts![0], { date: '2026-11-24', start: '08:00', end: '17:00' }] };
      await pushApplied(scheduleExport({ ...week, revision: 11, employees: [changed, bo] }));
      const after = await requestCounts(h, 'kommunen');
      expect((after['PUT staff-day'] ?? 0) - (before['PUT staff-day'] ?? 0)).toBe(1);
      expect((after['PUT staff'] ?? 0) - (before['PUT staff'] ?? 0)).toBe(0);
      expect((await simStaff(h, 'kommunen')).E800010.days['2026-11-24'].shifts[0].start).toBe('2026-11-24T08:00:00+01:00');
    });

    it('a stale revision is skipped and counted', async () => {
      const before = await requestCounts(h, 'kommunen');
      const skippedBefore = (await stats()).skippedStale ?? 0;
      await pushApplied(scheduleExport({ ...week, revision: 10, employees: [anna] }));
      await pushApplied(scheduleExport({ ...week, revision: 11, employees: [anna] }));
      expect((await stats()).skippedStale).toBe(skippedBefore + 2);
      expect(await requestCounts(h, 'kommunen')).toEqual(before);
    });

    it('an employee missing from a later export gets those days written empty; a day that became empty is written empty', async () => {
      const shorter = { ...anna, shifts: [{ date: '2026-11-23', start: '08:00', end: '17:00' }] };
      await pushApplied(scheduleExport({ ...week, revision: 12, employees: [shorter] }));
      const staff = await simStaff(h, 'kommunen');
      expect(staff.E800011.days['2026-11-25']).toEqual({ shifts: [], absences: [] });
      expect(staff.E800010.days['2026-11-24']).toEqual({ shifts: [], absences: [] });
      expect(staff.E800010.days['2026-11-23'].shifts).toHaveLength(1);
    });

    it('the planning tool failing transiently (503s): the change still lands', async () => {
      expect((await h.http.post(`${h.planningTool}/_sim/faults`, { tenant: 'kommunen', status: 503, count: 3 })).status).toBeLessThan(300);
      const later = { ...anna, shifts: [{ date: '2026-11-23', start: '09:00', end: '18:00' }] };
      await pushApplied(scheduleExport({ ...week, revision: 13, employees: [later] }));
      expect((await simStaff(h, 'kommunen')).E800010.days['2026-11-23'].shifts[0].start).toBe('2026-11-23T09:00:00+01:00');
      const statuses = (await h.http.get(`${h.planningTool}/_sim/kommunen/requests`)).data.byMethodStatus as Record<string, number>;
      // Whether the write went alone (PUT) or in a shared batch (POST), three 503s were answered.
      expect(Object.entries(statuses).filter(([k]) => k.endsWith(' 503')).reduce((n, [, v]) => n + v, 0)).toBe(3);
      expect((await h.http.get(`${h.planningTool}/_sim/faults`)).data).toEqual({ pending: [] });
    });
  });

  it("the scheduling simulator's own publish of every demo unit lands whole", async () => {
    await h.fresh(TODAY);
    await h.http.delete(`${h.schedulingSystem}/_sim`);
    expect((await h.http.post(`${h.schedulingSystem}/_sim/generate`, { seed: 3, from: '2026-11-23', days: 14 })).status).toBeLessThan(300);
    const published = (await h.http.post(`${h.schedulingSystem}/_sim/publish`, { url: `${h.middleware}/inbound/scheduling-system`, token: TOKENS.scheduleInbound })).data.published as Array<{ status: number }>;
    expect(published.map((p) => p.status)).toEqual([202, 202, 202, 202, 202]);
    await settled();
    const s = await stats();
    expect(s).toMatchObject({ applied: 5 });
    expect(s.quarantined ?? 0).toBe(0);
    const staff = await simStaff(h, 'kommunen');
    expect(Object.keys(staff).length).toBeGreaterThanOrEqual(4 * 6);
  });
});
