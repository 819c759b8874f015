import { cpus } from 'node:os';
import { drained, eventually, harnessPerSpecFile, OPERATOR, TODAY, TOKENS } from './support/e2e-harness';
import { exportOf, personnummer, uppdrag } from './support/uppdrag-variants';

// A measurement, not a check of speed: run with RECONCILE_MEASURE_N=<customers> (and under the heavy lock); skipped otherwise.
const N = Number(process.env.RECONCILE_MEASURE_N ?? 0);
const RPS = Number(process.env.RECONCILE_MEASURE_RPS ?? 20);
const measured = N > 0 ? describe : describe.skip;

measured('reconciliation over N customers of one tenant: reads, duration and rate (RECONCILE_MAX_RPS)', () => {
  const h = harnessPerSpecFile(TODAY);

  it('reads each customer and its orders once, at no more than the rate, and finds nothing on a faithful tool', async () => {
    await h.fresh({ ...TODAY, RECONCILE_MAX_RPS: String(RPS) });
    for (let start = 0; start < N; start += 1000) {
      const items = [];
      for (let i = start; i < Math.min(N, start + 1000); i++) items.push(uppdrag({ id: `UPP-R-${i}`, identityNumber: personnummer(i) }));
      const res = await h.http.post(`${h.middleware}/inbound/case-system`, exportOf(...items), { headers: { Authorization: `Bearer ${TOKENS.caseInbound}`, 'Content-Type': 'application/xml' }, transformRequest: (d) => d, maxBodyLength: Infinity });
      expect(res.status).toBe(202);
    }
    await drained(h, 600_000);
    const readsBefore = (await h.http.get(`${h.planningTool}/_sim/kommunen/requests`)).data.reads as number;
    const started = Date.now();
    const { runId } = (await h.http.post(`${h.middleware}/admin/api/reconcile`, { scope: 'interventions' }, { headers: OPERATOR })).data;
    const run = await eventually(
      async () => {
        const r = (await h.http.get(`${h.middleware}/admin/api/reconcile/${runId}`, { headers: OPERATOR })).data;
        return r.status === 'done' || r.status === 'failed' ? r : undefined;
      },
      'the run',
      N * 1000,
      1000,
    );
    const reads = (await h.http.get(`${h.planningTool}/_sim/kommunen/requests`)).data.reads - readsBefore;
    console.log(JSON.stringify({ customers: N, rps: RPS, status: run.status, problem: run.problem, checked: run.checked, items: run.items.length, reads, durationSeconds: run.durationSeconds, readsPerSecond: Math.round((reads / run.durationSeconds) * 100) / 100, wallSeconds: (Date.now() - started) / 1000, cpus: cpus().length, cpu: cpus()[0].model }));
    expect([run.status, run.checked.interventions, run.items.length, reads]).toEqual(['done', N, 0, 2 * N]);
    // The pace spaces reads 1/RPS apart from the first: N reads take at least (N - 1) / RPS seconds.
    expect(run.durationSeconds).toBeGreaterThanOrEqual((reads - 1) / RPS);
  }, 3_600_000);
});
