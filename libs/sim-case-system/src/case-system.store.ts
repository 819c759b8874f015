import { Assignment } from '@brygga/domain';
import { Injectable } from '@nestjs/common';
import { PostedUppdrag } from './uppdrag-xml.reader';
import { SimIds } from './sim-ids';
import { writeUppdragElement } from './uppdrag-xml.writer';

/** One change: an assignment version as it entered the log. */
export interface ChangeEntry {
  readonly seq: number;
  readonly id: string;
  readonly version: number;
  /** Generated or churned: the model the XML is written from. */
  readonly assignment?: Assignment;
  /** Posted through /_sim/assignments: the element exactly as received. */
  readonly xml?: string;
}

export interface FeedPage {
  entries: ChangeEntry[];
  sekvens: number;
}

/** Sequence numbers start high, as in a system that has been running for years. */
export const FIRST_SEQUENCE = 18_001;

/**
 * The case system's state: an ordered change log. Sequence numbers are contiguous, so
 * a cursor maps straight to a log index. The feed serves each assignment once, at the
 * change that came last for it (the full current state, never an older one), so a
 * client following `sekvens` can never be sent backwards.
 */
@Injectable()
export class CaseSystemStore {
  private log: ChangeEntry[] = [];
  private latestSeqById = new Map<string, number>();
  private models = new Map<string, Assignment>();
  ids = new SimIds();
  usedIdentities = new Set<string>();
  /** Cursors of the push and drop channels, and how many documents each has produced. */
  pushedUpTo = 0;
  droppedUpTo = 0;
  pushDocuments = 0;
  dropDocuments = 0;
  churnRuns = 0;

  reset(): void {
    this.log = [];
    this.latestSeqById = new Map();
    this.models = new Map();
    this.ids = new SimIds();
    this.usedIdentities = new Set();
    this.pushedUpTo = 0;
    this.droppedUpTo = 0;
    this.pushDocuments = 0;
    this.dropDocuments = 0;
    this.churnRuns = 0;
  }

  get lastSequence(): number {
    return FIRST_SEQUENCE + this.log.length - 1;
  }

  appendAssignment(assignment: Assignment): number {
    this.models.set(assignment.id, assignment);
    return this.push({ seq: this.lastSequence + 1, id: assignment.id, version: assignment.version, assignment });
  }

  appendPosted(posted: PostedUppdrag): number {
    // A posted version is opaque to churn: churning it would invent a history the poster did not send.
    this.models.delete(posted.id);
    return this.push({ seq: this.lastSequence + 1, id: posted.id, version: posted.version, xml: posted.xml });
  }

  /** The current model of a generated assignment, for churn. */
  model(id: string): Assignment | undefined {
    return this.models.get(id);
  }

  modelIds(): string[] {
    return [...this.models.keys()];
  }

  feed(efter: number, max: number): FeedPage {
    const entries: ChangeEntry[] = [];
    let sekvens = efter;
    for (let i = Math.max(0, efter - FIRST_SEQUENCE + 1); i < this.log.length && entries.length < max; i++) {
      const entry = this.log[i];
      if (this.latestSeqById.get(entry.id) !== entry.seq) continue;
      entries.push(entry);
      sekvens = entry.seq;
    }
    return { entries, sekvens };
  }

  /** Every change after `seq`, superseded ones included: push and drop replay history as it happened. */
  changesAfter(seq: number): ChangeEntry[] {
    return this.log.slice(Math.max(0, seq - FIRST_SEQUENCE + 1));
  }

  stats(): { assignments: number; changes: number; sekvens: number; pushedUpTo: number; droppedUpTo: number } {
    return {
      assignments: this.latestSeqById.size,
      changes: this.log.length,
      sekvens: this.log.length === 0 ? 0 : this.lastSequence,
      pushedUpTo: this.pushedUpTo,
      droppedUpTo: this.droppedUpTo,
    };
  }

  private push(entry: ChangeEntry): number {
    this.log.push(entry);
    this.latestSeqById.set(entry.id, entry.seq);
    return entry.seq;
  }
}

/** The `Uppdrag` element of a change. */
export function renderEntry(entry: ChangeEntry): string {
  if (entry.xml !== undefined) return entry.xml;
  if (!entry.assignment) throw new Error(`change ${entry.seq} has no content`);
  return writeUppdragElement(entry.assignment);
}
