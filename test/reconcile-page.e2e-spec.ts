import type { Page } from 'playwright-core';
import { browserPerSpecFile } from './support/browser.harness';
import { drained, harnessPerSpecFile, TODAY, TOKENS } from './support/e2e-harness';
import { customersOf } from './support/planning-state';
import { exportOf, personnummer, uppdrag } from './support/uppdrag-variants';

// The example's person: none of it may reach the page (an item names ids, dates and field names).
const PERSONAL = /Märta|Öberg|Storgatan|4711|090-123456|19380412/;

describe('the reconciliation page in a real browser (Debian chromium; real middleware, Redis and simulators)', () => {
  const h = harnessPerSpecFile(TODAY);
  const browser = browserPerSpecFile('reconcile-page');
  const shot = browser.shot;

  async function signIn(token: string): Promise<Page> {
    const { page } = await browser.signIn(h.middleware, token);
    await page.waitForSelector('[data-test="signed-in-as"]');
    return page;
  }
  // The run's page reloads itself (meta refresh) until the run, or its repair, is done; the wait outlives those reloads.
  const runDone = (page: Page) => endsDone(page, page.locator('[data-test="run-status"]', { hasText: /^done$/ }), 'run');
  const repairDone = (page: Page, attempt: string) => endsDone(page, page.locator(`[data-test="repair-${attempt}"]`, { hasText: 'done' }), `repair-${attempt}`);

  /** Waits for `done`; when it does not come, fails saying what the page shows instead (status, the run waited for, the problem), with a screenshot. */
  async function endsDone(page: Page, done: ReturnType<Page['locator']>, what: string): Promise<void> {
    try {
      await done.waitFor();
    } catch (error) {
      const shows = await page
        .locator('#reconcile-run')
        .textContent()
        .catch(() => '(the run section could not be read)');
      await shot(page, `${what}-not-done`).catch(() => undefined);
      throw new Error(`the ${what} did not end done; the page shows: ${(shows ?? '').replace(/\s+/g, ' ').trim()}`, { cause: error });
    }
  }

  it('an operator starts a run, sees the deleted customer as drift, repairs it, and a new run finds none; a viewer sees the run and no forms', async () => {
    await h.fresh({ ...TODAY, RECONCILE_MAX_RPS: '50' });
    const assignments = exportOf(...[1, 2].map((n) => uppdrag({ id: `UPP-${n}`, identityNumber: personnummer(n) })));
    const pushed = await h.http.post(`${h.middleware}/inbound/case-system`, assignments, { headers: { Authorization: `Bearer ${TOKENS.caseInbound}`, 'Content-Type': 'application/xml' }, transformRequest: (d) => d });
    expect(pushed.status).toBe(202);
    // The case system holds what was pushed (and nothing else): the upstream check finds nothing missing.
    await h.http.delete(`${h.caseSystem}/_sim`);
    expect((await h.http.post(`${h.caseSystem}/_sim/assignments`, assignments.toString('utf8'), { headers: { 'Content-Type': 'application/xml' } })).status).toBe(200);
    await drained(h);
    const before = await customersOf(h, 'kommunen');
    const deleted = before[personnummer(1)].id;

    // Tampered with through the planning tool's own API, as someone at the tool would.
    const gone = await h.http.delete(`${h.planningTool}/kommunen/api/v1/customers/${deleted}`, { headers: { Authorization: `Bearer ${TOKENS.kommunen}`, 'Idempotency-Key': 'reconcile-page-tamper-1' } });
    expect([200, 204]).toContain(gone.status);

    const operator = await signIn(TOKENS.operator);
    await operator.getByRole('link', { name: 'Reconciliation', exact: true }).click();
    await operator.waitForURL(/\/admin\/reconcile$/);
    expect(await operator.textContent('#reconcile-run')).toContain('No reconciliation run yet.');
    await operator.getByLabel('Scope').selectOption('interventions');
    await operator.getByRole('button', { name: 'Start a run' }).click();
    await operator.waitForURL(/\/admin\/reconcile\?run=c-[0-9a-f]+&done=reconcile-started$/);
    const runId = new URL(operator.url()).searchParams.get('run') as string;
    await runDone(operator);
    expect(await operator.textContent('[data-test="run-id"]')).toBe(runId);
    expect(await operator.textContent('[data-test="count-customerMissing"]')).toBe('1');
    const items = operator.locator('[data-test="drift-item"]');
    expect(await items.count()).toBe(1);
    expect(await items.first().textContent()).toMatch(new RegExp(`Customer missing in the planning tool\\s*interventions\\s*kommunen\\s*customer ${deleted}`));
    expect(await operator.content()).not.toMatch(PERSONAL);
    expect(await operator.content()).not.toContain(personnummer(2));
    await shot(operator, 'operator-drift');

    // A viewer: the same run, its drift, no forms; a post made by hand is refused.
    const viewer = await signIn(TOKENS.viewer);
    await viewer.goto(`${h.middleware}/admin/reconcile`);
    expect(await viewer.textContent('[data-test="run-id"]')).toBe(runId);
    expect(await viewer.locator('[data-test="drift-item"]').count()).toBe(1);
    expect(await viewer.locator('form[action^="/admin/actions/reconcile"]').count()).toBe(0);
    expect(await viewer.getByRole('button', { name: /^(Start a run|Repair)/ }).count()).toBe(0);
    for (const action of ['start', 'repair']) {
      const refused = await viewer.request.post(`${h.middleware}/admin/actions/reconcile/${action}`, { form: { scope: 'all', run: runId }, headers: { origin: h.middleware }, maxRedirects: 0 });
      expect([action, refused.status()]).toEqual([action, 403]);
    }
    // Another site's form with the operator's cookie is refused too.
    const elsewhere = await operator.request.post(`${h.middleware}/admin/actions/reconcile/repair`, { form: { run: runId }, headers: { origin: 'https://elsewhere.example' }, maxRedirects: 0 });
    expect(elsewhere.status()).toBe(403);
    await shot(viewer, 'viewer-run');

    await operator.getByRole('button', { name: 'Repair all drift of this run (1 item)' }).click();
    await operator.waitForURL(/done=reconcile-repair-queued/);
    await repairDone(operator, 'a1');
    await drained(h);
    expect(await customersOf(h, 'kommunen')).toEqual(before);
    await shot(operator, 'operator-repaired');

    await operator.getByLabel('Scope').selectOption('all');
    await operator.getByRole('button', { name: 'Start a run' }).click();
    await operator.waitForURL((url) => url.searchParams.get('run') !== runId && url.searchParams.get('done') === 'reconcile-started');
    await runDone(operator);
    expect(await operator.textContent('#reconcile-run')).toContain('No drift');
    expect(await operator.locator('[data-test="drift-item"]').count()).toBe(0);
    expect(await operator.getByRole('button', { name: /^Repair/ }).count()).toBe(0);

    // The dashboard: the last finished run in brief, and both actions in the audit log by the operator.
    await operator.goto(`${h.middleware}/admin`);
    expect(await operator.textContent('[data-test="reconcile-drift"]')).toBe('0');
    expect(await operator.locator('#audit tr[data-audit="reconcile.start"]').count()).toBe(2);
    expect(await operator.locator('#audit tr[data-audit="reconcile.repair"]').textContent()).toMatch(new RegExp(`demo-operator\\s*operator\\s*reconcile.repair\\s*${runId}\\s*ok`));
    await shot(operator, 'operator-dashboard');
  });
});
