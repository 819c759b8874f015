import { readFileSync } from 'node:fs';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}

interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

export interface SelfTime {
  name: string;
  ms: number;
  share: number;
}

export interface ProfileSummary {
  totalMs: number;
  /** Self time by function (name, file, line). */
  functions: SelfTime[];
  /** Self time by where the code lives: a package of node_modules, a lib of this repository, node's own, or V8's (gc, idle). */
  places: SelfTime[];
}

/** Where a frame's code lives, short enough for a table. */
function placeOf(url: string, functionName: string): string {
  if (!url) return `(${functionName || 'native'})`;
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (pkg) return pkg[1];
  const lib = /\/(libs|apps)\/([^/]+)\//.exec(url);
  if (lib) return `${lib[1]}/${lib[2]}`;
  if (url.startsWith('node:')) return 'node';
  return url.replace(/^file:\/\//, '');
}

function shortUrl(url: string): string {
  const at = Math.max(url.lastIndexOf('/libs/'), url.lastIndexOf('/apps/'), url.lastIndexOf('node_modules/'));
  return at >= 0 ? url.slice(at + 1) : url;
}

/**
 * Self time from a V8 `.cpuprofile` (what `node --cpu-prof` or the inspector's Profiler
 * writes): each sample's time delta charged to the frame it hit.
 */
export function summariseProfile(file: string, top = 25): ProfileSummary {
  const profile = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const selfUs = new Map<number, number>();
  profile.samples.forEach((id, i) => selfUs.set(id, (selfUs.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)));
  const functions = new Map<string, number>();
  const places = new Map<string, number>();
  let totalUs = 0;
  for (const [id, us] of selfUs) {
    const frame = byId.get(id)?.callFrame;
    if (!frame || frame.functionName === '(idle)') continue;
    totalUs += us;
    const name = `${frame.functionName || '(anonymous)'} ${shortUrl(frame.url)}${frame.url ? `:${frame.lineNumber + 1}` : ''}`;
    functions.set(name, (functions.get(name) ?? 0) + us);
    const place = placeOf(frame.url, frame.functionName);
    places.set(place, (places.get(place) ?? 0) + us);
  }
  const ranked = (m: Map<string, number>): SelfTime[] =>
    [...m]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([name, us]) => ({ name, ms: Math.round(us / 1000), share: totalUs ? us / totalUs : 0 }));
  return { totalMs: Math.round(totalUs / 1000), functions: ranked(functions), places: ranked(places) };
}

export function printSummary(label: string, summary: ProfileSummary): void {
  const pct = (s: SelfTime) => `${(s.share * 100).toFixed(1).padStart(5)} %  ${String(s.ms).padStart(6)} ms  ${s.name}`;
  console.log(`\n${label}: ${summary.totalMs} ms sampled (not idle)\n  by place:`);
  for (const s of summary.places) console.log(`    ${pct(s)}`);
  console.log('  by function (self):');
  for (const s of summary.functions) console.log(`    ${pct(s)}`);
}
