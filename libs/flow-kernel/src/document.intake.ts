import { randomUUID } from 'node:crypto';
import type { ChainableCommander } from 'ioredis';
import type { DocumentSource, DocumentStore } from './document.store';
import type { FlowEvent } from './flow-event';
import type { FlowOutcomeObserver } from './flow-outcome.observer';

/**
 * The raw document as a flow's intake receives it: written by the flow in its own
 * transaction, with its items, their jobs and their journal entries (one round trip: a push's CPU was mostly
 * its five sequential ones), so that no job is ever queued for a document not kept.
 */
export interface IncomingDocument {
  /** The id the document is stored under. */
  readonly id: string;
  /** Adds the document's writes to the flow's transaction. */
  storeIn(multi: ChainableCommander): void;
  /** Its journal entry, the first of the flow's events (see `journalIn`). */
  readonly received: FlowEvent;
}

/**
 * The way in both flows share, whichever way a document came (push, feed, poll): the raw
 * document stored for audit and redrive in the same transaction as the flow's own
 * acceptance (store, queue), so no job is ever queued for a document that was not kept. The
 * sender may be acknowledged once `receiveDocument` resolves, and only then.
 * `TParsed` is what the edge already read from the document (a flow parses once).
 */
export abstract class DocumentIntake<TParsed> {
  protected constructor(
    private readonly documents: DocumentStore,
    private readonly system: string,
    private readonly observer: FlowOutcomeObserver,
  ) {}

  async receiveDocument(bytes: Buffer, parsed: TParsed, source: DocumentSource): Promise<string> {
    const id = randomUUID();
    const document: IncomingDocument = {
      id,
      storeIn: (multi) => void this.documents.putIn(multi, bytes, { source, system: this.system }, id),
      received: { kind: 'document.received', status: 'stored', refs: { documentId: id }, detail: { source, system: this.system, bytes: bytes.length } },
    };
    await this.acceptDocument(parsed, document);
    return id;
  }

  /** The flow's step: its own writes, `document.storeIn` and `journalIn` (the document's `received` first) in one transaction. */
  protected abstract acceptDocument(parsed: TParsed, document: IncomingDocument): Promise<unknown>;

  /**
   * The flow's events journalled in its transaction when the observer can (a 202 then
   * covers them too); else told once the transaction ran, by calling what this answers.
   */
  protected journalIn(multi: ChainableCommander, events: FlowEvent[]): () => void {
    if (this.observer.eventsIn) {
      this.observer.eventsIn(multi, events);
      return () => undefined;
    }
    return () => events.forEach((event) => this.observer.event?.(event));
  }
}
