import type { DriftItem } from '@brygga/domain';
import type { ReconcileRun } from '@brygga/operations';
import { reconcileRunView, reconcileStartView, reconcileSummaryView } from './reconcile.view';

const VIEWER = { name: 'ops-viewer', role: 'viewer' } as const;
const OPERATOR = { name: 'ops-operator', role: 'operator' } as const;
const ADMIN = { name: 'ops-admin', role: 'admin' } as const;

function aRun(over: Partial<ReconcileRun> = {}): ReconcileRun {
  return {
    runId: 'c-0123456789abcdef',
    scope: 'all',
    status: 'done',
    by: 'ops-operator',
    queuedAt: '2026-11-30T02:00:00.000Z',
    startedAt: '2026-11-30T02:00:01.000Z',
    finishedAt: '2026-11-30T02:00:04.000Z',
    durationSeconds: 3.2,
    checked: { interventions: 3, schedules: 2, 'interventions.upstream': 3 },
    counts: { customerMissing: 1, staffDayDiffers: 1 },
    items: [
      { flow: 'interventions', kind: 'customerMissing', tenant: 'kommunen', customerId: 'C-<b>1</b>' },
      { flow: 'schedules', kind: 'staffDayDiffers', tenant: 'kommunen', staffId: 'E10001', date: '2026-11-24', fields: ['shifts'] },
    ],
    itemsLeftOut: 0,
    repairs: [],
    ...over,
  };
}

describe('the page: reconciliation', () => {
  it("shows the run's facts, counts by kind and each item's ids, dates and field names, escaped", () => {
    const text = reconcileRunView(aRun(), VIEWER).text;
    expect(text).toContain('data-test="run-id">c-0123456789abcdef<');
    expect(text).toMatch(/data-test="run-status"><strong>done</);
    expect(text).toContain('2026-11-30 02:00:04');
    expect(text).toContain('3.2 s');
    expect(text).toContain('interventions 3, schedules 2, interventions.upstream 3');
    expect(text).toMatch(/data-test="count-customerMissing">1</);
    expect(text).toMatch(/data-test="count-staffDayDiffers">1</);
    expect(text.match(/data-test="drift-item"/g)).toHaveLength(2);
    expect(text).toContain('customer C-&lt;b&gt;1&lt;/b&gt;');
    expect(text).not.toContain('<b>1</b>');
    expect(text).toMatch(/staff E10001<\/td><td>2026-11-24<\/td><td>shifts</);
  });

  it('renders only the named parts of an item: anything else a stored item carries stays off the page', () => {
    const stray = { flow: 'interventions', kind: 'customerDiffers', customerId: 'C-2', fields: ['address'], address: 'Storgatan 1', name: 'Märta' } as DriftItem;
    const text = reconcileRunView(aRun({ counts: { customerDiffers: 1 }, items: [stray], by: 'Märta' }), OPERATOR).text;
    expect(text).toContain('customer C-2');
    expect(text).toContain('>address<');
    expect(text).not.toMatch(/Storgatan|Märta/);
  });

  it('offers starting a run and repairing its drift to operators and admins, never to a viewer', () => {
    for (const principal of [OPERATOR, ADMIN]) {
      const text = `${reconcileRunView(aRun(), principal).text}${reconcileStartView(principal).text}`;
      expect(text).toContain('action="/admin/actions/reconcile/start"');
      expect(text).toMatch(/action="\/admin\/actions\/reconcile\/repair"[\s\S]*name="run" value="c-0123456789abcdef"[\s\S]*Repair all drift of this run \(2 items\)/);
    }
    const viewer = `${reconcileRunView(aRun(), VIEWER).text}${reconcileStartView(VIEWER).text}`;
    expect(viewer).not.toContain('<form');
    expect(viewer).not.toContain('/admin/actions/');
    expect(viewer).toContain('data-test="drift-item"');
  });

  it('no repair button for a run without drift, one still running, or one whose repair is under way', () => {
    const forms = (run: ReconcileRun) => reconcileRunView(run, OPERATOR).text.includes('/admin/actions/reconcile/repair');
    expect(forms(aRun({ counts: {}, items: [] }))).toBe(false);
    expect(forms(aRun({ status: 'running', finishedAt: undefined }))).toBe(false);
    expect(forms(aRun({ repairs: [{ attempt: 'a1', by: 'ops-operator', status: 'running', items: [0, 1] }] }))).toBe(false);
    const repaired = reconcileRunView(aRun({ repairs: [{ attempt: 'a1', by: 'ops-operator', status: 'done', items: [0, 1], sent: { interventions: 3, schedules: 1 } }] }), OPERATOR).text;
    expect(repaired).toMatch(/data-test="repair-a1">[\s\S]*done[\s\S]*interventions 3, schedules 1/);
    expect(repaired).toContain('/admin/actions/reconcile/repair');
    expect(reconcileRunView(aRun({ counts: {}, items: [] }), OPERATOR).text).toContain('No drift');
  });

  it('a queued run waiting for another one names the run it waits for; a running one does not', () => {
    const waiting = reconcileRunView(aRun({ status: 'queued', waitingFor: 'c-aaaaaaaaaaaa', startedAt: undefined, finishedAt: undefined }), VIEWER).text;
    expect(waiting).toMatch(/data-test="run-waiting">\(waits for run c-aaaaaaaaaaaa to finish reading/);
    expect(reconcileRunView(aRun({ status: 'running', waitingFor: 'c-aaaaaaaaaaaa' }), VIEWER).text).not.toContain('run-waiting');
    expect(reconcileRunView(aRun({ status: 'queued' }), VIEWER).text).not.toContain('run-waiting');
  });

  it("a failed run shows its status, never its problem's text", () => {
    const text = reconcileRunView(aRun({ status: 'failed', problem: 'Error: <secret>', counts: {}, items: [] }), OPERATOR).text;
    expect(text).toMatch(/<strong>failed<\/strong> \(the process log says why\)/);
    expect(text).not.toContain('secret');
  });

  it("the dashboard's summary: the last finished run's counts and the link to the page", () => {
    expect(reconcileSummaryView(undefined).text).toContain('No finished reconciliation run yet.');
    const text = reconcileSummaryView({ runId: 'c-0123456789abcdef', finishedAt: '2026-11-30T02:00:04.000Z', durationSeconds: 3, counts: { customerMissing: 1, staffDayDiffers: 2 }, items: 3 }).text;
    expect(text).toMatch(/data-test="reconcile-drift">3 \(Customer missing in the planning tool 1, Staff day differs 2\)</);
    expect(text).toContain('href="/admin/reconcile"');
  });
});
