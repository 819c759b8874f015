import type { FlowsOverview } from '@brygga/operations';
import { type Html, html } from './html';
import { section, table, time } from './view-parts';

/** Each flow's counters (the per-reason-code ones are in the quarantine list's filter), and when each source last synced. */
export function flowsView(overview: FlowsOverview): Html {
  const flows = Object.entries(overview.flows).sort(([a], [b]) => a.localeCompare(b));
  const counters = [...new Set(flows.flatMap(([, c]) => Object.keys(c).filter((k) => !k.includes(':'))))].sort();
  const { feed, rosters, tenants } = overview.lastSync;
  const syncs: Array<[string, string | undefined]> = [
    ['case-system feed', feed],
    ...Object.entries(rosters).map(([unit, at]): [string, string] => [`roster of unit ${unit}`, at]),
    ...Object.entries(tenants).map(([tenant, at]): [string, string] => [`planning tool ${tenant}: last accepted write`, at]),
  ];
  return section(
    'flows',
    'Flows',
    html`${table(
      ['Counter', ...flows.map(([flow]) => flow)],
      counters.map((counter) => html`<tr><th scope="row">${counter}</th>${flows.map(([, c]) => html`<td class="num">${c[counter] ?? 0}</td>`)}</tr>`),
      'No flow has counted anything yet.',
    )}
<h3>Last successful sync</h3>
${table(
  ['Source', 'At (UTC)'],
  syncs.map(([source, at]) => html`<tr><td>${source}</td><td>${time(at)}</td></tr>`),
  'No source has synced yet.',
)}`,
  );
}
