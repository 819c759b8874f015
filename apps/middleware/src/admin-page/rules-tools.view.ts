import type { ReplayItem } from '@brygga/flow-kernel';
import type { RulesReplayRun, RulesVersion } from '@brygga/operations';
import { type Html, html } from './html';
import { section, table, time } from './view-parts';

/** The page shows this many changed items; the admin API answers them all. */
const SHOWN_ITEMS = 500;

const KIND_LABELS: ReadonlyArray<[keyof NonNullable<RulesReplayRun['diff']>['counts'], string]> = [
  ['ordersAdded', 'Service orders added'],
  ['ordersRemoved', 'Service orders removed'],
  ['ordersChanged', 'Service orders changed'],
  ['customerTeamChanged', 'Customers whose team changes'],
  ['staffSkillsChanged', 'Staff whose skills change'],
  ['newlyQuarantined', 'Newly quarantined'],
  ['newlyAccepted', 'Newly accepted'],
];

/** The candidate form: paste the rules file's text, or upload the file. */
export function candidateFormView(): Html {
  return section(
    'rules-candidate',
    'Try candidate rules',
    html`<p class="muted">The candidate is validated as at boot, then every stored assignment and staff member is mapped under it and under the rules in force. Nothing is sent until you apply it.</p>
<form method="post" action="/admin/actions/rules/replay" enctype="multipart/form-data">
<p><label for="rules-text">Paste the rules file</label><br><textarea id="rules-text" name="rules" rows="12" cols="80" spellcheck="false"></textarea></p>
<p><label for="rules-file">or upload it</label> <input id="rules-file" type="file" name="file" accept=".yaml,.yml,text/yaml,text/plain"></p>
<p><button type="submit" data-test="rules-replay">Replay the store under the candidate</button></p>
</form>`,
    true,
  );
}

/** A candidate the loader refused: its problems, as the boot would name them. */
export function refusedCandidateView(problem: string): Html {
  return section('rules-refused', 'The candidate was refused', html`<pre data-test="rules-problems">${problem}</pre>`, true);
}

/** A replay run: its progress, then its diff and the apply button. */
export function replayRunView(run: RulesReplayRun): Html {
  const progress = html`<p data-test="run-status">Run ${run.runId} by ${run.by}: <strong>${run.status}</strong>, ${run.scanned} of ${run.total} stored items (candidate ${run.candidate}).</p>`;
  if (run.status !== 'done' || !run.diff) {
    return section('rules-run', 'Replay', html`${progress}${run.problem ? html`<p class="flash error">${run.problem}</p>` : html`<p class="muted">This page reloads itself while the run goes on.</p>`}`, true);
  }
  const { diff } = run;
  const counts = table(['Kind', 'Count'], KIND_LABELS.map(([kind, label]) => html`<tr><th scope="row">${label}</th><td class="num" data-test="count-${kind}">${diff.counts[kind]}</td></tr>`), '');
  const rows = diff.items.slice(0, SHOWN_ITEMS).map(itemRow);
  const more = diff.items.length > SHOWN_ITEMS ? html`<p class="muted">${diff.items.length - SHOWN_ITEMS} more: the admin API's GET /admin/api/rules/replay/${run.runId} lists them all.</p>` : '';
  const apply =
    diff.items.length === 0 && diff.inForce === diff.candidate
      ? html`<p class="muted">The candidate is the rules in force.</p>`
      : html`<form method="post" action="/admin/actions/rules/apply"><input type="hidden" name="run" value="${run.runId}"><button type="submit" data-test="rules-apply">Apply these rules (re-sends the ${diff.items.length} items above)</button></form>`;
  return section(
    'rules-run',
    'Replay: what the candidate would change',
    html`${progress}<p>Rules in force ${diff.inForce}, candidate ${diff.candidate}; stored items gone through: ${Object.entries(diff.scanned).map(([flow, n]) => `${flow} ${n}`).join(', ')}${diff.unavailable > 0 ? `, ${diff.unavailable} expired` : ''}.</p>
${counts}
${table(['Flow', 'Id', 'Kinds', 'Fields that change'], rows, 'Nothing stored would change.')}
${more}
${apply}`,
    true,
  );
}

function itemRow(item: ReplayItem): Html {
  return html`<tr data-test="replay-item"><td>${item.flow}</td><td>${item.id}</td><td>${item.kinds.join(', ')}</td><td>${[...item.fields, ...(item.reasons ?? []).map((r) => `reason ${r}`)].join(', ')}</td></tr>`;
}

/** The versions applied, newest first, each with a button to apply it again (a rollback). */
export function versionsView(inForce: string, versions: RulesVersion[]): Html {
  const rows = versions.map(
    (v) => html`<tr><td class="num">${v.n}</td><td>${v.version}${v.version === inForce ? html` <strong>(in force)</strong>` : ''}</td><td>${time(v.appliedAt)}</td><td>${v.appliedBy}</td><td>${v.rollbackOf === undefined ? '' : `version ${v.rollbackOf} again`}</td>
<td>${v.version === inForce ? '' : html`<form class="inline" method="post" action="/admin/actions/rules/apply"><input type="hidden" name="version" value="${v.version}"><button type="submit" data-test="rollback-${v.n}">Apply again</button></form>`}</td></tr>`,
  );
  return section('rules-versions', 'Rules versions', table(['#', 'Version', 'Applied (UTC)', 'By', 'Rollback of', ''], rows, `No version applied through Brygga yet; ${inForce} is the rules file's.`), true);
}
