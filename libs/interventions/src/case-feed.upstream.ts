import { Inject, Injectable } from '@nestjs/common';
import { CaseFeedClient, parseUppdragsexport, type UppdragResult } from '@brygga/case-system';
import type { DriftItem } from '@brygga/domain';
import { FLOW_OUTCOMES, type FlowOutcomeObserver, PERSON_KEYS, type PersonKeys, type RepairAttempt, repairEvent, repairScope } from '@brygga/flow-kernel';
import { JOB_IDS, JobProducer } from '@brygga/queue';
import { AssignmentIntake } from './assignment-intake.service';
import { AssignmentStateStore } from './assignment-state.store';
import { INTERVENTIONS_FLOW, InterventionsStats } from './interventions-stats.store';

const PAGE_SIZE = 500;
const QUARANTINE_PAGE = 500;

/**
 * The case system's feed read from its start, against what the flow stored: the newest
 * version of each assignment the feed holds that Brygga never stored (a lost push), or
 * stored and never applied nor quarantined. Its own cursor: the poller's is not moved.
 */
@Injectable()
export class CaseFeedUpstream {
  constructor(
    private readonly feed: CaseFeedClient,
    private readonly assignments: AssignmentStateStore,
    private readonly stats: InterventionsStats,
    private readonly intake: AssignmentIntake,
    private readonly producer: JobProducer,
    @Inject(FLOW_OUTCOMES) private readonly outcomes: FlowOutcomeObserver,
    @Inject(PERSON_KEYS) private readonly persons: PersonKeys,
  ) {}

  async check(): Promise<{ items: DriftItem[]; checked: number }> {
    const newest = new Map<string, number>();
    await this.eachPage(async (results) => {
      for (const r of results) if (r.ok && (newest.get(r.assignment.id) ?? 0) < r.assignment.version) newest.set(r.assignment.id, r.assignment.version);
    });
    const quarantined = await this.quarantinedVersions();
    const items: DriftItem[] = [];
    for (const [assignmentId, version] of [...newest].sort(([a], [b]) => (a < b ? -1 : 1))) {
      const state = await this.assignments.get(assignmentId);
      if (state.latestSeen < version) items.push({ flow: INTERVENTIONS_FLOW, kind: 'assignmentVersionNotStored', assignmentId, version });
      else if (state.appliedVersion < state.latestSeen && !quarantined.has(`${assignmentId}#${state.latestSeen}`)) {
        items.push({ flow: INTERVENTIONS_FLOW, kind: 'assignmentNotApplied', assignmentId, version: state.latestSeen });
      }
    }
    return { items, checked: newest.size };
  }

  /**
   * The versions never stored taken in from the feed again (stored and queued as a poll
   * would), those never applied queued again; answers how many of each. Each is journaled
   * (`reconcile.repair`, `taken-in` or `queued`, by assignment and the client's keyed hash);
   * what becomes of it is its own apply's entries.
   */
  async repair(items: DriftItem[], attempt: RepairAttempt): Promise<number> {
    const lacking = new Map(items.filter((i) => i.kind === 'assignmentVersionNotStored').map((i) => [`${i.assignmentId}#${i.version}`, i]));
    let done = 0;
    if (lacking.size > 0) {
      await this.eachPage(async (results) => {
        const found = results.filter((r): r is Extract<UppdragResult, { ok: true }> => r.ok && lacking.has(`${r.assignment.id}#${r.assignment.version}`));
        if (found.length === 0) return;
        await this.intake.accept(found);
        done += found.length;
        for (const { assignment } of found) {
          const subject = { refs: { assignmentId: assignment.id, version: assignment.version }, personKey: this.persons.client(assignment.client.identityNumber) };
          this.outcomes.event?.(repairEvent(attempt, subject, [lacking.get(`${assignment.id}#${assignment.version}`)!], 'taken-in'));
        }
      });
    }
    for (const item of items) {
      if (item.kind !== 'assignmentNotApplied' || !item.assignmentId || item.version === undefined) continue;
      const jobId = `${JOB_IDS.assignmentApply(item.assignmentId, item.version)}-reconcile-${repairScope(attempt)}`;
      await this.producer.enqueue('assignment.apply', { v: 1, assignmentId: item.assignmentId, version: item.version }, { jobId });
      done++;
      const stored = await this.assignments.loadVersion(item.assignmentId, item.version);
      const personKey = stored ? this.persons.client(stored.client.identityNumber) : undefined;
      this.outcomes.event?.(repairEvent(attempt, { refs: { assignmentId: item.assignmentId, version: item.version, jobId }, personKey }, [item], 'queued'));
    }
    return done;
  }

  private async eachPage(handle: (results: UppdragResult[]) => Promise<void>): Promise<void> {
    let cursor = 0;
    for (;;) {
      const response = await this.feed.fetch(cursor, PAGE_SIZE);
      // A feed that asks to wait leaves the check incomplete: the run says so rather than reporting half a feed as the truth.
      if (response.kind === 'wait') throw new Error(`case system feed asked to wait after ${cursor}: upstream check incomplete`);
      const parsed = parseUppdragsexport(response.body);
      if (parsed.results.length === 0 || parsed.header.sekvens <= cursor) return;
      await handle(parsed.results);
      cursor = parsed.header.sekvens;
    }
  }

  private async quarantinedVersions(): Promise<Set<string>> {
    const out = new Set<string>();
    let after;
    do {
      const page = await this.stats.findQuarantined({ limit: QUARANTINE_PAGE, after });
      for (const e of page.entries) if (e.version !== undefined) out.add(`${e.ref}#${e.version}`);
      after = page.next;
    } while (after);
    return out;
  }
}
