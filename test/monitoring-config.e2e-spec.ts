import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { harnessPerSpecFile, TODAY } from './support/e2e-harness';
import { sampledNames, scrape, syncForMetrics } from './support/metrics-scrape';

const docker = join(__dirname, '..', 'docker');
const read = (file: string) => readFileSync(join(docker, file), 'utf8');

interface Panel {
  type: string;
  title: string;
  datasource?: { uid?: string };
  targets?: Array<{ expr: string; datasource?: { uid?: string } }>;
}

/** Series Prometheus makes itself, which no scrape of ours contains. */
const PROMETHEUS_OWN = new Set(['up']);
const KEYWORDS = new Set(['by', 'without', 'on', 'ignoring', 'group_left', 'group_right', 'bool', 'offset', 'and', 'or', 'unless']);

/** The metric names a PromQL expression reads: identifiers left once strings, matchers, ranges, groupings and function calls are set aside. */
function metricNames(expr: string): string[] {
  const bare = expr
    .replace(/"(?:[^"\\]|\\.)*"/g, '""')
    .replace(/\{[^}]*\}/g, ' ')
    .replace(/\[[^\]]*\]/g, ' ')
    .replace(/\boffset\s+-?\w+/g, ' ')
    .replace(/\b(?:by|without|on|ignoring|group_left|group_right)\s*\([^)]*\)/g, ' ');
  const names = [...bare.matchAll(/[a-zA-Z_:][a-zA-Z0-9_:]*(?![a-zA-Z0-9_:]|\s*\()/g)].map((m) => m[0]);
  return [...new Set(names.filter((n) => !KEYWORDS.has(n)))];
}

const dashboard = JSON.parse(read('grafana/brygga-dashboard.json')) as { uid: string; panels: Panel[] };
const graphs = dashboard.panels.filter((p) => p.type !== 'row');
const queried = [...new Set(graphs.flatMap((p) => (p.targets ?? []).flatMap((t) => metricNames(t.expr))))].sort();

describe('metricNames (the reading the dashboard check relies on)', () => {
  it.each([
    ['histogram_quantile(0.95, sum by (le, queue) (rate(brygga_job_duration_seconds_bucket[5m])))', ['brygga_job_duration_seconds_bucket']],
    ['time() - max by (source) (brygga_last_sync_timestamp_seconds{source=~"feed|roster"})', ['brygga_last_sync_timestamp_seconds']],
    ['sum by (tenant) (rate(a_total{status_class!="2xx"}[5m])) / sum by (tenant) (rate(b_total[5m])) > 0', ['a_total', 'b_total']],
    ['up{job=~"brygga-.*"} and on (instance) process_cpu_seconds_total offset 5m', ['up', 'process_cpu_seconds_total']],
  ])('%s', (expr, names) => {
    expect(metricNames(expr)).toEqual(names);
  });
});

describe('docker/grafana/brygga-dashboard.json and docker/prometheus/prometheus.yml (real scrape, promtool)', () => {
  const h = harnessPerSpecFile(TODAY);

  it('every panel queries the provisioned Prometheus, and every metric it queries is in a real scrape after a sync', async () => {
    const datasource = parse(read('grafana/provisioning/datasources/prometheus.yaml')) as { datasources: Array<{ uid: string; url: string }> };
    const uid = datasource.datasources[0].uid;
    for (const panel of graphs) {
      expect({ panel: panel.title, targets: (panel.targets ?? []).length > 0 }).toEqual({ panel: panel.title, targets: true });
      expect({ panel: panel.title, uid: panel.datasource?.uid }).toEqual({ panel: panel.title, uid });
      for (const target of panel.targets ?? []) expect(target.datasource?.uid).toBe(uid);
    }
    expect(queried.length).toBeGreaterThanOrEqual(12);

    await syncForMetrics(h);
    const text = await scrape(h);
    const exposed = sampledNames(text);
    expect(queried.filter((name) => !exposed.has(name) && !PROMETHEUS_OWN.has(name))).toEqual([]);
    // And the other way round: no Brygga metric without a panel.
    const families = [...text.matchAll(/^# TYPE (brygga_\S+) /gm)].map((m) => m[1]);
    expect(families.filter((family) => !queried.some((name) => name.startsWith(family)))).toEqual([]);
  });

  it('promtool accepts the Prometheus config, which scrapes the api and worker services on the ports compose gives them', () => {
    const run = spawnSync('promtool', ['check', 'config', join(docker, 'prometheus/prometheus.yml')], { encoding: 'utf8' });
    if (run.error) throw new Error(`promtool could not run (${run.error.message}): install Debian's prometheus package (.ci/run does this)`);
    expect({ status: run.status, output: `${run.stdout}${run.stderr}` }).toEqual({ status: 0, output: expect.stringContaining('SUCCESS') });

    type Job = { job_name: string; static_configs?: Array<{ targets: string[] }>; dns_sd_configs?: Array<{ names: string[]; port: number }> };
    const config = parse(read('prometheus/prometheus.yml')) as { scrape_configs: Job[] };
    const compose = parse(read('compose.yaml')) as { services: Record<string, { environment?: Record<string, string>; volumes?: string[]; profiles?: string[] }> };
    const jobs = Object.fromEntries(config.scrape_configs.map((j) => [j.job_name, j]));
    expect(jobs['brygga-api'].static_configs?.[0].targets).toEqual([`api:${compose.services.api.environment?.PORT}`]);
    expect(jobs['brygga-worker'].dns_sd_configs?.[0]).toMatchObject({ names: ['worker'], port: Number(compose.services.worker.environment?.PORT) });

    const { prometheus, grafana } = compose.services;
    expect(prometheus.profiles).toEqual(['monitoring']);
    expect(prometheus.volumes).toContain('./prometheus/prometheus.yml:/etc/prometheus/prometheus.yml:ro');
    expect(grafana.volumes).toEqual(expect.arrayContaining(['./grafana/provisioning:/etc/grafana/provisioning:ro', './grafana/brygga-dashboard.json:/var/lib/grafana/dashboards/brygga-dashboard.json:ro']));
    const provider = parse(read('grafana/provisioning/dashboards/brygga.yaml')) as { providers: Array<{ options: { path: string } }> };
    expect(provider.providers[0].options.path).toBe('/var/lib/grafana/dashboards');
  });
});
