import { Inject, Injectable } from '@nestjs/common';
import type { ParsedExport, UppdragResult } from '@brygga/case-system';
import { reasonCodes } from '@brygga/domain';
import { DocumentIntake, DocumentStore, FLOW_OUTCOMES, type FlowOutcomeObserver, PERSON_KEYS, type PersonKeys } from '@brygga/flow-kernel';
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
 * document (pushed or fetched) comes through `receiveDocument`, its raw bytes kept first.
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

  protected async acceptDocument(parsed: ParsedExport, documentId: string): Promise<IntakeCounts> {
    return this.accept(parsed.results, documentId);
  }

  /** Also the file drop's way in: its files stay on disk, so there is no raw copy to store. */
  async accept(results: UppdragResult[], documentId?: string): Promise<IntakeCounts> {
    const counts: IntakeCounts = { queued: 0, quarantined: 0 };
    const valid = [];
    for (const result of results) {
      if (result.ok) {
        valid.push(result.assignment);
        continue;
      }
      await this.stats.quarantine({ ref: result.assignmentId ?? '(no valid id)', version: result.version, documentId, reasons: result.reasons });
      for (const code of reasonCodes(result.reasons)) this.outcomes.outcome(INTERVENTIONS_FLOW, 'quarantined', code);
      // No person key: an assignment that did not read cannot be trusted to name its client.
      this.outcomes.event?.({ kind: 'assignment.quarantined', status: 'quarantined', refs: { documentId, assignmentId: result.assignmentId, version: result.version }, reasons: reasonCodes(result.reasons) });
      counts.quarantined++;
    }
    // Stored before queued: a job never points at content that is not there.
    await this.assignments.storeVersions(valid);
    for (const a of valid) {
      const refs = { documentId, assignmentId: a.id, version: a.version, decisionIds: a.decisions.map((d) => d.id) };
      this.outcomes.event?.({ kind: 'assignment.stored', status: 'stored', refs, personKey: this.persons.client(a.client.identityNumber) });
    }
    const acceptedAt = Date.now();
    const jobs = valid.map((a) => ({
      data: { v: 1 as const, assignmentId: a.id, version: a.version, documentId, acceptedAt },
      opts: { jobId: JOB_IDS.assignmentApply(a.id, a.version) },
    }));
    await this.producer.enqueueBulk('assignment.apply', jobs);
    counts.queued = jobs.length;
    await this.stats.incrementMany({ received: results.length });
    return counts;
  }
}
