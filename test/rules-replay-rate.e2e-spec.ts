import { readFileSync, writeFileSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { ADMIN, drained, eventually, harnessPerSpecFile, TODAY, TOKENS } from './support/e2e-harness';
import { exportOf, personnummer, uppdrag } from './support/uppdrag-variants';

// A measurement, not a check of speed: run with RULES_MEASURE_N=<clients> (and under the heavy lock); skipped otherwise.
const N = Number(process.env.RULES_MEASURE_N ?? 0);
const measured = N > 0 ? describe : describe.skip;

const GOOD_RULES = readFileSync('config/mapping-rules.yaml', 'utf8');
const PH25_RULES = GOOD_RULES.replace(/(\n {2}PH:\n(?: {4}.*\n)*? {4}standardMinutes:) 20\n/, '$1 25\n');

/** Every other client's PH (INS-1) without a Schablon: the half that `PH` 20 -> 25 changes. */
const assignment = (i: number) => {
  const xml = uppdrag({ id: `UPP-M-${i}`, identityNumber: personnummer(i) });
  return i % 2 === 1 ? xml.replace('<Schablon minuter="20"/>', '') : xml;
};

measured('rules replay and apply over N clients: the replay as a job, the apply and its re-sends', () => {
  const h = harnessPerSpecFile(TODAY);

  it('replays PH 20 -> 25 over the store (a run), sends nothing, then applies it and re-sends exactly the half it changes', async () => {
    const rulesFile = join(await mkdtemp('/tmp/brygga-rules-measure-'), 'rules.yaml');
    writeFileSync(rulesFile, GOOD_RULES);
    await h.fresh({ ...TODAY, MAPPING_RULES_FILE: rulesFile });
    for (let start = 0; start < N; start += 1000) {
      const items = [];
      for (let i = start; i < Math.min(N, start + 1000); i++) items.push(assignment(i));
      const res = await h.http.post(`${h.middleware}/inbound/case-system`, exportOf(...items), { headers: { Authorization: `Bearer ${TOKENS.caseInbound}`, 'Content-Type': 'application/xml' }, transformRequest: (d) => d, maxBodyLength: Infinity });
      expect(res.status).toBe(202);
    }
    await drained(h, 600_000);
    const requests = async () => (await h.http.get(`${h.planningTool}/_sim/kommunen/requests`)).data as { total: number };
    const before = await requests();

    const replayStarted = Date.now();
    const queued = await h.http.post(`${h.middleware}/admin/api/rules/replay`, { rules: PH25_RULES }, { headers: ADMIN });
    const replayAnswerMs = Date.now() - replayStarted;
    const run = await eventually(
      async () => {
        const r = (await h.http.get(`${h.middleware}/admin/api/rules/replay/${queued.data.runId}`, { headers: ADMIN })).data;
        return r.status === 'done' || r.status === 'failed' ? r : undefined;
      },
      'the replay run',
      N * 100,
      500,
    );
    const replaySeconds = (Date.now() - replayStarted) / 1000;
    expect(await requests()).toEqual(before);

    const applyStarted = Date.now();
    const applied = await h.http.post(`${h.middleware}/admin/api/rules/apply`, { rules: PH25_RULES }, { headers: ADMIN, timeout: 600_000 });
    const applyAnswerSeconds = (Date.now() - applyStarted) / 1000;
    await drained(h, 600_000);
    const applyDrainedSeconds = (Date.now() - applyStarted) / 1000;
    const after = await requests();
    console.log(
      JSON.stringify({
        clients: N,
        replay: { status: queued.status, answerMs: replayAnswerMs, runStatus: run.status, seconds: replaySeconds, scanned: run.diff?.scanned, counts: run.diff?.counts },
        apply: { status: applied.status, answerSeconds: applyAnswerSeconds, resent: applied.data.resent, drainedSeconds: applyDrainedSeconds, planningRequests: after.total - before.total },
        cpus: cpus().length,
        cpu: cpus()[0].model,
      }),
    );
    expect([queued.status, run.status, run.diff.counts.ordersChanged, run.diff.items.length]).toEqual([202, 'done', Math.floor(N / 2), Math.floor(N / 2)]);
    expect([applied.status, applied.data.resent.interventions]).toEqual([200, Math.floor(N / 2)]);
  }, 3_600_000);
});
