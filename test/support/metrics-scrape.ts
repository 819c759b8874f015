import { drained, eventually, type Harness, OPERATOR, pushCaseExport, TODAY, TOKENS } from './e2e-harness';
import { example } from './planning-state';
import { scheduleExample } from './schedule-variants';
import { exportOf, personnummer, uppdrag } from './uppdrag-variants';

const XML = { 'Content-Type': 'application/xml' };

/** The value of one series (`name{labels}` exactly as exposed), or undefined when absent. */
export function sample(text: string, series: string): number | undefined {
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}

/** The middleware's /metrics as text (asserting a 200). */
export async function scrape(h: Harness, headers: Record<string, string> = {}): Promise<string> {
  const res = await h.http.get(`${h.middleware}/metrics`, { headers, responseType: 'text', transformResponse: (d) => d });
  if (res.status !== 200) throw new Error(`GET /metrics answered ${res.status}`);
  return String(res.data);
}

/** Every label set of a scrape, for the checks that name nobody. */
export function labelsOf(text: string): string {
  return text
    .split('\n')
    .filter((l) => !l.startsWith('#'))
    .map((l) => /\{.*\}/.exec(l)?.[0] ?? '')
    .join('\n');
}

/** Every sample's metric name in a scrape (histograms as their _bucket, _sum and _count). */
export function sampledNames(text: string): Set<string> {
  return new Set(
    text
      .split('\n')
      .filter((l) => l !== '' && !l.startsWith('#'))
      .map((l) => /^[a-zA-Z_:][a-zA-Z0-9_:]*/.exec(l)?.[0] ?? ''),
  );
}

/** A personnummer whose check digit is wrong: quarantined at intake. */
function badCheckDigit(n: number): string {
  const good = personnummer(n);
  return `${good.slice(0, -1)}${(Number(good.slice(-1)) + 1) % 10}`;
}

/**
 * A sync that moves every metric: a fresh middleware polling the case feed (one
 * assignment), then, with the planning tool failing once (503), a push of three (one
 * applied, one quarantined in its job for an unknown code, one at intake for a check
 * digit) and a pushed roster; returns when the queues are drained. Answers when it started (Unix s).
 */
export async function syncForMetrics(h: Harness): Promise<{ started: number }> {
  await h.http.delete(`${h.caseSystem}/_sim`);
  const fed = await h.http.post(`${h.caseSystem}/_sim/assignments`, example('uppdrag-ny.xml'), { headers: XML, transformRequest: (d) => d });
  if (fed.status >= 300) throw new Error(`the case simulator refused the feed's assignment: ${fed.status}`);
  const started = Date.now() / 1000;
  await h.fresh({ ...TODAY, CASE_SYSTEM_POLL_SECONDS: '1' });
  // The feed lands first, alone, so the 503 below meets a push's writes.
  await eventually(async () => (sample(await scrape(h), 'brygga_last_sync_timestamp_seconds{source="feed"}') !== undefined ? true : undefined), 'the first feed poll');
  await drained(h);
  const fault = await h.http.post(`${h.planningTool}/_sim/faults`, { tenant: 'kommunen', status: 503, count: 1 });
  if (fault.status >= 300) throw new Error(`the planning simulator refused the fault: ${fault.status}`);
  const pushed = exportOf(
    uppdrag({ id: 'UPP-M-1', identityNumber: personnummer(1) }),
    uppdrag({ id: 'UPP-M-2', identityNumber: personnummer(2), code: 'XYZ' }),
    uppdrag({ id: 'UPP-M-3', identityNumber: badCheckDigit(3) }),
  );
  const pushStatus = await pushCaseExport(h, pushed);
  if (pushStatus !== 202) throw new Error(`the push answered ${pushStatus}`);
  const roster = await h.http.post(`${h.middleware}/inbound/scheduling-system`, scheduleExample('schedule-norr1.xml'), {
    headers: { Authorization: `Bearer ${TOKENS.scheduleInbound}`, ...XML },
    transformRequest: (d) => d,
  });
  if (roster.status !== 202) throw new Error(`the roster push answered ${roster.status}`);
  await drained(h);
  // A reconciliation run, so its drift and duration gauges have samples (a gauge without a run shows nothing).
  const run = await h.http.post(`${h.middleware}/admin/api/reconcile`, {}, { headers: OPERATOR });
  if (run.status !== 202) throw new Error(`the reconciliation run answered ${run.status}`);
  await eventually(async () => ((await h.http.get(`${h.middleware}/admin/api/reconcile/${run.data.runId}`, { headers: OPERATOR })).data.status === 'done' ? true : undefined), 'the reconciliation run');
  return { started };
}
