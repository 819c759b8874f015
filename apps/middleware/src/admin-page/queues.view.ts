import type { AdminPrincipal } from '@brygga/admin-access';
import type { QueueCounts } from '@brygga/operations';
import { type Html, html } from './html';
import { actionButton, may, section, table } from './view-parts';

const COUNTED = ['waiting', 'active', 'delayed', 'prioritized', 'failed', 'completed'] as const;

/** Each queue's depths; pause and resume for operators. */
export function queuesView(queues: Record<string, QueueCounts>, principal: AdminPrincipal, back: string): Html {
  const rows = Object.entries(queues).map(
    ([name, counts]) => html`<tr data-queue="${name}">
<th scope="row">${name}${counts.paused ? html` <span class="paused">paused</span>` : ''}</th>
${COUNTED.map((c) => html`<td class="num">${counts[c]}</td>`)}
${may(principal, 'operator') ? html`<td>${counts.paused ? actionButton('queues/resume', `Resume ${name}`, back, { queue: name }) : actionButton('queues/pause', `Pause ${name}`, back, { queue: name })}</td>` : ''}
</tr>`,
  );
  const headers = ['Queue', ...COUNTED, ...(may(principal, 'operator') ? ['Action'] : [])];
  return section('queues', 'Queues', html`${table(headers, rows, 'No queues.')}<p><a href="/admin/queues/">Open the queue dashboard</a> for each job's details.</p>`);
}
