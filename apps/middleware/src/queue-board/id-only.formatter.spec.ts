import { idOnlyData, idOnlyName, idOnlyProgress, idOnlyReturnValue } from './id-only.formatter';

describe('the queue dashboard formatters (ids only)', () => {
  it('keeps the id fields of job data and drops everything else', () => {
    const data = {
      v: 1,
      assignmentId: 'UPP-2026-0042',
      version: 3,
      documentId: 'doc:7f3a',
      reapply: true,
      acceptedAt: 1764403200000,
      rid: 'req-42',
      // What no job carries, and must never be shown if one ever did:
      name: 'Märta Öberg',
      personnummer: '19380412-5676',
      address: { street: 'Storgatan 1', doorCode: '4711' },
      notes: ['ring på'],
    };
    expect(idOnlyData(data)).toEqual({ v: 1, assignmentId: 'UPP-2026-0042', version: 3, documentId: 'doc:7f3a', reapply: true, acceptedAt: 1764403200000, rid: 'req-42' });
    expect(JSON.stringify(idOnlyData(data))).not.toMatch(/Märta|19380412|Storgatan|4711|ring/);
  });

  it('does not show a free-text value even under an id field name, nor nested values', () => {
    expect(idOnlyData({ assignmentId: 'Märta Öberg, Storgatan 1', documentId: { nested: 'x' }, version: Number.NaN, fileName: 'export-2026-11-29.xml' })).toEqual({
      assignmentId: '(not shown)',
      fileName: 'export-2026-11-29.xml',
    });
    expect(idOnlyData('a string')).toEqual({});
    expect(idOnlyData(null)).toEqual({});
    expect(idOnlyData([{ assignmentId: 'UPP-1' }])).toEqual({});
  });

  it('shows a return value as its outcome codes, lists only counted, customer ids never', () => {
    const applied = { tenant: 'kommunen', customerId: 'c_9f2e1d', serviceOrderIds: ['INS-1', 'INS-2'], rulesVersion: 'r-2026-11', outcome: 'applied' };
    expect(idOnlyReturnValue(applied)).toEqual({ tenant: 'kommunen', rulesVersion: 'r-2026-11', outcome: 'applied', serviceOrderIdsCount: 2 });
    expect(JSON.stringify(idOnlyReturnValue(applied))).not.toContain('c_9f2e1d');
    expect(idOnlyReturnValue(undefined)).toBeUndefined();
    expect(idOnlyReturnValue('Märta')).toEqual({});
  });

  it("shows a job's name only when it is one of Brygga's jobs", () => {
    expect(idOnlyName({ name: 'assignment.apply', data: {} })).toBe('assignment.apply');
    expect(idOnlyName({ name: 'Märta Öberg' })).toBe('(not shown)');
    expect(idOnlyName(undefined)).toBe('(not shown)');
  });

  it('shows progress only as a number', () => {
    expect(idOnlyProgress(40)).toBe(40);
    expect(idOnlyProgress({ step: 'Märta' })).toBeUndefined();
  });
});
