import { Inject, Injectable } from '@nestjs/common';
import { Job, UnrecoverableError } from 'bullmq';
import { CaseFeedClient, DocumentRejectedError, parseUppdragsexport } from '@brygga/case-system';
import { FLOW_LOGGER, type FlowLogger, LastSyncStore, type PollGate, PollGates, type PollReport } from '@brygga/flow-kernel';
import { JobHandlers, type JobHandlerProvider, type JobPayloads } from '@brygga/queue';
import { AssignmentIntake } from './assignment-intake.service';
import { InterventionsStats } from './interventions-stats.store';

const PAGE_SIZE = 500;
/** Pages per poll, so one poll never runs unbounded; the next poll continues. */
const MAX_PAGES_PER_POLL = 200;
const CURSOR = 'case-feed';

export interface PollResult extends PollReport {
  pages: number;
  assignments: number;
  cursor: number;
}

/**
 * Pulls the change feed from the stored cursor. The cursor advances only after a
 * page's assignments are stored and queued; 429/503 set a not-before time honouring
 * Retry-After. A lock keeps it to one poller however many workers run.
 */
@Injectable()
@JobHandlers()
export class CaseFeedPoller implements JobHandlerProvider {
  constructor(
    private readonly gates: PollGates,
    private readonly feed: CaseFeedClient,
    private readonly intake: AssignmentIntake,
    private readonly stats: InterventionsStats,
    @Inject(FLOW_LOGGER) private readonly logger: FlowLogger,
    private readonly lastSync: LastSyncStore,
  ) {}

  handlers() {
    return { 'case-feed.poll': (job: Job<JobPayloads['case-feed.poll']>) => this.poll(job) };
  }

  async poll(job: Job<JobPayloads['case-feed.poll']>): Promise<PollResult> {
    if (job.data.v !== 1) throw new UnrecoverableError(`case-feed.poll payload version ${String(job.data.v)} is not known`);
    // The cursor is read inside the gate: read before it, a poll that waited for the previous one would page from a stale cursor.
    return this.gate().poll(
      async () => this.synced(await this.pages(await this.gate().cursor())),
      async () => ({ pages: 0, assignments: 0, cursor: await this.gate().cursor() }),
      () => this.stats.increment('failed'),
    );
  }

  /** A poll that read the feed to its end, or its page limit, without being told to wait, is a successful sync. */
  private async synced(result: PollResult): Promise<PollResult> {
    if (result.waiting === undefined) await this.lastSync.record('feed');
    // A poll that brought assignments is a change from the feed (the feed-silent alert); one that found nothing is not.
    if (result.assignments > 0) await this.lastSync.record('feed-change');
    return result;
  }

  private gate(): PollGate {
    return this.gates.named(CURSOR);
  }

  private async pages(start: number): Promise<PollResult> {
    let cursor = start;
    let assignments = 0;
    for (let page = 0; page < MAX_PAGES_PER_POLL; page++) {
      const response = await this.feed.fetch(cursor, PAGE_SIZE);
      if (response.kind === 'wait') {
        return { pages: page, assignments, cursor, waiting: await this.gate().waitOn(response, this.logger, 'case system feed') };
      }
      let parsed;
      try {
        parsed = parseUppdragsexport(response.body);
      } catch (error) {
        if (error instanceof DocumentRejectedError) {
          // The cursor stays: skipping a page would lose its assignments. Operations must look.
          throw new UnrecoverableError(`case system feed page after ${cursor} rejected, cursor kept: ${error.message}`);
        }
        throw error;
      }
      if (parsed.results.length === 0 || parsed.header.sekvens <= cursor) return { pages: page + 1, assignments, cursor };
      await this.intake.receiveDocument(response.body, parsed, 'feed');
      cursor = parsed.header.sekvens;
      await this.gate().advance(cursor);
      assignments += parsed.results.length;
    }
    return { pages: MAX_PAGES_PER_POLL, assignments, cursor };
  }
}
