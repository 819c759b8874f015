import { Inject, Injectable } from '@nestjs/common';
import type { ParsedExport, UppdragResult } from '@brygga/case-system';
import { reasonCodes } from '@brygga/domain';
import { DocumentIntake, DocumentStore, FLOW_OUTCOMES, type FlowEvent, type FlowOutcomeObserver, type IncomingDocument, PERSON_KEYS, type PersonKeys } from '@brygga/flow-kernel';
import { JOB_IDS, JobProducer } from '@brygga/queue';
import { AssignmentStateStore } from './assignment-state.store';
import { INTERVENTIONS_FLOW, InterventionsStats } from './interventions-stats.store';

export interface IntakeCounts {
  queued: number;
  quarantined: number;
}

/**
 * Takes parsed assignments from any way in (push, feed, file): a valid one is stored
 * and queued for applying; an invalid one is quarantined with its reasons, and the
 * others go on. Safe to repeat: storage is first-wins and job ids dedupe. A whole
 * document (pushed or fetched) comes through `receiveDocument`: its raw bytes, the valid
 * versions, their jobs, the counters and the journal entries in one transaction (one round
 * trip), the quarantined ones after it.
 */
@Injectable()
export class AssignmentIntake extends DocumentIntake<ParsedExport> {
  constructor(
    documents: DocumentStore,
    private readonly assignments: AssignmentStateStore,
    private readonly stats: InterventionsStats,
    private readonly producer: JobProducer,
    @Inject(FLOW_OUTCOMES) private readonly outcomes: FlowOutcomeObserver,
    @Inject(PERSON_KEYS) private readonly persons: PersonKeys,
  ) {
    super(documents, 'case-system', outcomes);
  }

  protected async acceptDocument(parsed: ParsedExport, document: IncomingDocument): Promise<IntakeCounts> {
    return this.acceptAll(parsed.results, document.id, document);
  }

  /** Also the file drop's way in: its files stay on disk, so there is no raw copy to store. */
  async accept(results: UppdragResult[], documentId?: string): Promise<IntakeCounts> {
    return this.acceptAll(results, documentId);
  }

  private async acceptAll(results: UppdragResult[], documentId: string | undefined, document?: IncomingDocument): Promise<IntakeCounts> {
    const valid = results.flatMap((r) => (r.ok ? [r.assignment] : []));
    const acceptedAt = Date.now();
    const jobs = valid.map((a) => ({
      data: { v: 1 as const, assignmentId: a.id, version: a.version, documentId, acceptedAt },
      opts: { jobId: JOB_IDS.assignmentApply(a.id, a.version) },
    }));
    const events = valid.map((a): FlowEvent => {
      const refs = { documentId, assignmentId: a.id, version: a.version, decisionIds: a.decisions.map((d) => d.id) };
      return { kind: 'assignment.stored', status: 'stored', refs, personKey: this.persons.client(a.client.identityNumber) };
    });
    // One transaction: a job never points at content that is not there, and a 202 means all of it is kept.
    let tell = (): void => undefined;
    await this.producer.enqueueBulkWith('assignment.apply', jobs, (multi) => {
      document?.storeIn(multi);
      this.assignments.storeVersionsIn(multi, valid);
      this.stats.incrementManyIn(multi, { received: results.length });
      tell = this.journalIn(multi, document ? [document.received, ...events] : events);
    });
    tell();
    const counts: IntakeCounts = { queued: jobs.length, quarantined: 0 };
    for (const result of results) {
      if (result.ok) continue;
      await this.stats.quarantine({ ref: result.assignmentId ?? '(no valid id)', version: result.version, documentId, reasons: result.reasons });
      for (const code of reasonCodes(result.reasons)) this.outcomes.outcome(INTERVENTIONS_FLOW, 'quarantined', code);
      // No person key: an assignment that did not read cannot be trusted to name its client.
      this.outcomes.event?.({ kind: 'assignment.quarantined', status: 'quarantined', refs: { documentId, assignmentId: result.assignmentId, version: result.version }, reasons: reasonCodes(result.reasons) });
      counts.quarantined++;
    }
    return counts;
  }
}
