import type { BenchResult } from './bench-result';
import type { PipelineRun } from './pipeline.bench';

export interface PipelineSummary {
  ordersPerSecond: number;
  ratio: number;
  p99Ms: number;
  ackP99Ms: number;
  /** The largest peak RSS of a Brygga process (API or worker; the simulators are not Brygga). */
  rssMb: number;
}

interface Target {
  key: keyof PipelineSummary;
  label: string;
  met: (value: number) => boolean;
  text: string;
}

/** The targets for a full run; --quick prints them but judges nothing. */
export const TARGETS: Target[] = [
  { key: 'ratio', label: 'ratio', met: (v) => v >= 0.5, text: '>= 0.5' },
  { key: 'p99Ms', label: 'p99_ms', met: (v) => v <= 250, text: '<= 250' },
  { key: 'ackP99Ms', label: 'ack_p99_ms', met: (v) => v <= 20, text: '<= 20' },
  { key: 'rssMb', label: 'rss_mb', met: (v) => v <= 256, text: '<= 256' },
];

const int = (n: number): string => (Number.isFinite(n) ? Math.round(n).toLocaleString('en-US') : 'n/a');
const ms = (n: number | undefined): string => (n === undefined ? 'n/a' : `${n} ms`);

export function summarize(run: PipelineRun): PipelineSummary {
  const ordersPerSecond = run.loads[0].load.perSecond;
  const brygga = Object.entries(run.peakRssMiB).filter(([role]) => role !== 'simulators').map(([, mb]) => mb);
  return {
    ordersPerSecond,
    ratio: Math.round((ordersPerSecond / run.raw.perSecond) * 100) / 100,
    p99Ms: run.steady.p99Ms ?? Number.NaN,
    ackP99Ms: run.ack.p99Ms ?? Number.NaN,
    rssMb: Math.max(...brygga),
  };
}

/** Targets met or missed, by their label in the last line. */
export function judge(summary: PipelineSummary): Array<{ label: string; text: string; met: boolean }> {
  return TARGETS.map((t) => ({ label: t.label, text: t.text, met: t.met(summary[t.key]) }));
}

function details(r: BenchResult, keys: string[]): string {
  return keys.filter((k) => r.detail?.[k] !== undefined).map((k) => `${k} ${r.detail?.[k]}`).join(', ');
}

/** The table (markdown, to paste) and the last line, `bench: orders/s=… ratio=… p99_ms=… ack_p99_ms=… rss_mb=…`. */
export function report(run: PipelineRun, summary: PipelineSummary, quick: boolean, machine: string): string[] {
  const [first] = run.loads;
  const rows: Array<[string, string]> = [
    ['machine', machine],
    ['1. raw BullMQ, no-op jobs', `${int(run.raw.perSecond)} jobs/s (${int(run.raw.n)} jobs in ${run.raw.seconds.toFixed(1)} s, ${details(run.raw, ['concurrency'])})`],
    [`2. full load, ${first.workers} worker`, `${int(summary.ordersPerSecond)} service orders/s (${int(first.load.n)} in ${first.load.seconds.toFixed(1)} s; ${details(first.load, ['clients', 'assignments', 'failedJobs'])}); ratio to (1) ${summary.ratio}`],
    [`3. ${run.steady.name.split(':')[0]}`, `202 -> confirmed p50 ${ms(run.steady.p50Ms)}, p99 ${ms(run.steady.p99Ms)} (${details(run.steady, ['sent -> confirmed p50 ms', 'sent -> confirmed p99 ms', 'accepted', 'unconfirmed', 'sender late p99 ms'])})`],
    [`4. ${run.ack.name.split(':')[0]}`, `p50 ${ms(run.ack.p50Ms)}, p99 ${ms(run.ack.p99Ms)} (${Object.entries(run.ack.detail ?? {}).map(([k, v]) => `${k} ${v}`).join(', ')})`],
    ['5. peak RSS per process (MiB)', Object.entries(run.peakRssMiB).map(([role, mb]) => `${role} ${mb}`).join(', ')],
    ['5. Redis after the load', `the run's keys ${run.redis.prefixMiB} MiB (${int(run.redis.prefixKeys)} keys); server used_memory ${run.redis.usedMiB} MiB`],
    ['6. scale-out, full load', run.loads.map((l) => `${l.workers} worker${l.workers > 1 ? 's' : ''} ${int(l.load.perSecond)}/s`).join(', ')],
  ];
  const verdicts = judge(summary);
  rows.push(['targets' + (quick ? ' (--quick: not judged)' : ''), verdicts.map((v) => `${v.label} ${v.text} ${quick ? '' : v.met ? 'met' : 'MISSED'}`.trim()).join(', ')]);
  const lines = ['', '| part | result |', '|---|---|', ...rows.map(([a, b]) => `| ${a} | ${b} |`), ''];
  lines.push(`bench: orders/s=${int(summary.ordersPerSecond).replace(/,/g, '')} ratio=${summary.ratio} p99_ms=${summary.p99Ms} ack_p99_ms=${summary.ackP99Ms} rss_mb=${summary.rssMb}`);
  return lines;
}
