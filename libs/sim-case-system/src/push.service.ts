import { ConflictException, Inject, Injectable, Logger } from '@nestjs/common';
import { CASE_SYSTEM_SIM_OPTIONS, ResolvedSimOptions } from './case-system-sim.options';
import { CaseSystemStore, ChangeEntry, renderEntry } from './case-system.store';
import { documentBatches } from './change-batches';
import { contentTypeFor, encodeExport, encodingForDocument } from './export-document.writer';
import { stockholmTimestamp } from './calendar';

export interface PushRequest {
  url: string;
  token: string;
  batchSize: number;
}

export interface PushResult {
  documents: number;
  assignments: number;
  failed: number;
  /** Status (or `network`) of the last attempt of a document that was given up on. */
  lastError?: string;
}

const ATTEMPTS = 4;
const BACKOFF_MS = 100;

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/**
 * Pushes every change not yet pushed, the way the real case system does: one document
 * at a time, in sequence order, retried on anything but 202, and stops at the first
 * document that keeps failing, so the receiver never sees a gap.
 */
@Injectable()
export class PushService {
  private readonly logger = new Logger('CaseSystemSimPush');
  private busy = false;

  constructor(
    private readonly store: CaseSystemStore,
    @Inject(CASE_SYSTEM_SIM_OPTIONS) private readonly options: ResolvedSimOptions,
  ) {}

  async push(request: PushRequest): Promise<PushResult> {
    if (this.busy) throw new ConflictException('a push is already running');
    this.busy = true;
    try {
      return await this.pushPending(request);
    } finally {
      this.busy = false;
    }
  }

  private async pushPending(request: PushRequest): Promise<PushResult> {
    const result: PushResult = { documents: 0, assignments: 0, failed: 0 };
    for (const batch of documentBatches(this.store.changesAfter(this.store.pushedUpTo), request.batchSize)) {
      const outcome = await this.deliver(request, batch, encodingForDocument(this.store.pushDocuments));
      if (outcome !== 'ok') {
        result.failed = 1;
        result.lastError = outcome;
        this.logger.warn(`push stopped: document ending at sekvens ${batch[batch.length - 1].seq} failed (${outcome})`);
        break;
      }
      this.store.pushedUpTo = batch[batch.length - 1].seq;
      this.store.pushDocuments += 1;
      result.documents += 1;
      result.assignments += batch.length;
    }
    return result;
  }

  private async deliver(request: PushRequest, batch: ChangeEntry[], encoding: ReturnType<typeof encodingForDocument>): Promise<string> {
    const header = { skapad: stockholmTimestamp(this.options.now()), sekvens: batch[batch.length - 1].seq, kalla: this.options.kalla };
    const body = encodeExport(header, batch.map(renderEntry), encoding);
    let outcome = 'not sent';
    for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
      if (attempt > 0) await sleep(BACKOFF_MS * 2 ** (attempt - 1));
      try {
        const response = await fetch(request.url, {
          method: 'POST',
          headers: { Authorization: `Bearer ${request.token}`, 'Content-Type': contentTypeFor(encoding) },
          body,
        });
        await response.arrayBuffer();
        if (response.status === 202) return 'ok';
        outcome = String(response.status);
      } catch {
        outcome = 'network';
      }
    }
    return outcome;
  }
}
