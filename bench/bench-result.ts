/** One measurement, as printed and as written to the results file. */
export interface BenchResult {
  name: string;
  /** What was counted: assignments, employee-days, pushes. */
  unit: string;
  n: number;
  seconds: number;
  perSecond: number;
  p50Ms?: number;
  p95Ms?: number;
  p99Ms?: number;
  /** Counts that explain the run (applied, notServed, ...): ids and numbers only. */
  detail?: Record<string, number | string>;
}

/** The value below which `p` (0 to 1) of the samples lie, nearest-rank. */
export function percentile(samples: readonly number[], p: number): number {
  if (samples.length === 0) return Number.NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.min(sorted.length, Math.max(1, Math.ceil(p * sorted.length)));
  return sorted[rank - 1];
}

export function result(name: string, unit: string, n: number, seconds: number, latenciesMs?: readonly number[], detail?: BenchResult['detail']): BenchResult {
  const out: BenchResult = { name, unit, n, seconds: round(seconds, 3), perSecond: round(n / seconds, 1) };
  if (latenciesMs && latenciesMs.length > 0) {
    out.p50Ms = round(percentile(latenciesMs, 0.5), 1);
    out.p95Ms = round(percentile(latenciesMs, 0.95), 1);
    out.p99Ms = round(percentile(latenciesMs, 0.99), 1);
  }
  if (detail) out.detail = detail;
  return out;
}

export function formatResult(r: BenchResult): string {
  const latency = r.p50Ms === undefined ? '' : `  p50 ${r.p50Ms} ms  p95 ${r.p95Ms} ms  p99 ${r.p99Ms} ms`;
  const detail = r.detail ? `  (${Object.entries(r.detail).map(([k, v]) => `${k} ${v}`).join(', ')})` : '';
  return `[bench] ${r.name.padEnd(44)} N=${r.n} ${r.unit}  ${r.seconds.toFixed(2)} s  ${r.perSecond.toFixed(1)} ${r.unit}/s${latency}${detail}`;
}

export function round(value: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}

export function secondsSince(startNs: bigint): number {
  return Number(process.hrtime.bigint() - startNs) / 1e9;
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Today in Stockholm, `YYYY-MM-DD`: the date the mapping takes as today. */
export function stockholmToday(now = new Date()): string {
  return new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Stockholm' }).format(now);
}
