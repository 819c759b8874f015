import type { DocumentSource, DocumentStore } from './document.store';
import type { FlowOutcomeObserver } from './flow-outcome.observer';

/**
 * The way in both flows share, whichever way a document came (push, feed, poll): the raw
 * document stored first, for audit and redrive, then the flow's own acceptance (store,
 * queue, quarantine), so no job is ever queued for a document that was not kept. The
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
    const documentId = await this.documents.put(bytes, { source, system: this.system });
    this.observer.event?.({ kind: 'document.received', status: 'stored', refs: { documentId }, detail: { source, system: this.system, bytes: bytes.length } });
    await this.acceptDocument(parsed, documentId);
    return documentId;
  }

  /** The flow's step once the raw document is stored under `documentId`. */
  protected abstract acceptDocument(parsed: TParsed, documentId: string): Promise<unknown>;
}
