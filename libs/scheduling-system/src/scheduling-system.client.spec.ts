import type { INestApplication } from '@nestjs/common';
import { PermanentFailure } from '@brygga/domain';
import { createSchedulingSystemSimulator } from '@brygga/sim-scheduling-system';
import { listenLocal, rejectionOf } from '@brygga/testing';
import { VendorUnauthorizedError } from '@brygga/vendor-http';
import { readUnitIds, SchedulingSystemClient, SchedulingSystemError } from './scheduling-system.client';

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

describe('SchedulingSystemClient against the scheduling-system simulator', () => {
  const TOKEN = 'schedule-client-token';
  let app: INestApplication;
  let base: string;

  beforeAll(async () => {
    app = await createSchedulingSystemSimulator({ apiToken: TOKEN, logger: false, generate: { seed: 1, from: '2026-11-02', days: 7 } });
    base = await listenLocal(app);
  });
  afterAll(async () => app.close());

  it('lists the units, pulls a schedule, and answers unknownUnit on 404', async () => {
    const client = new SchedulingSystemClient(`${base}/`, TOKEN);
    const units = await client.units();
    if (units.kind !== 'units') throw new Error(`expected units, got ${units.status}`);
    expect(units.unitIds.length).toBeGreaterThan(0);
    const document = await client.schedule(units.unitIds[0], '2026-11-02', '2026-11-08');
    expect(document.kind === 'document' && document.body.toString('utf8')).toContain('<ScheduleExport');
    expect(await client.schedule('NO-SUCH-UNIT', '2026-11-02', '2026-11-08')).toEqual({ kind: 'unknownUnit' });
  });

  it('fails permanently on 401, naming SCHEDULING_SYSTEM_TOKEN, and does not show the token', async () => {
    const wrong = new SchedulingSystemClient(base, 'not-the-token');
    for (const pull of [wrong.units(), wrong.schedule('NORR-1', '2026-11-02', '2026-11-08')]) {
      const error = await rejectionOf(pull);
      expect(error).toBeInstanceOf(VendorUnauthorizedError);
      expect(error).toBeInstanceOf(PermanentFailure);
      expect(error.message).toMatch(/^scheduling system answered 401 to the (unit list|schedule of unit NORR-1): .*check SCHEDULING_SYSTEM_TOKEN$/);
      expect(error.message).not.toContain('not-the-token');
    }
  });

  it('throws its own retryable error naming the status for a bad period', async () => {
    const error = await rejectionOf(new SchedulingSystemClient(base, TOKEN).schedule('NORR-1', '2026-11-09', '2026-11-08'));
    expect(error).toBeInstanceOf(SchedulingSystemError);
    expect(error).not.toBeInstanceOf(PermanentFailure);
    expect(error.message).toBe('scheduling system answered 400 to the schedule of unit NORR-1');
  });
});
