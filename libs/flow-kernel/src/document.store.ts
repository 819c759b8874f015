import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { ChainableCommander } from 'ioredis';
import type Redis from 'ioredis';
import { DataSealer } from '@brygga/data-seal';
import { DOCUMENT_RETENTION_SECONDS, KERNEL_KEYS, REDIS } from './flow-kernel.tokens';
import type { KernelKeys } from './kernel-keys';

export type DocumentSource = 'push' | 'feed' | 'drop';

export interface DocumentMeta {
  source: DocumentSource;
  system: string;
  receivedAt: string;
  bytes: number;
}

/**
 * Raw inbound documents, stored before anything is acknowledged to the sender, sealed (they
 * name clients and staff); the meta beside them is source, time and size.
 */
@Injectable()
export class DocumentStore {
  constructor(
    @Inject(REDIS) private readonly redis: Redis,
    @Inject(KERNEL_KEYS) private readonly keys: KernelKeys,
    private readonly sealer: DataSealer,
    @Inject(DOCUMENT_RETENTION_SECONDS) private readonly retentionSeconds: number,
  ) {}

  async put(bytes: Buffer, meta: Omit<DocumentMeta, 'receivedAt' | 'bytes'>): Promise<string> {
    const multi = this.redis.multi();
    const id = this.putIn(multi, bytes, meta);
    await multi.exec();
    return id;
  }

  /** The same writes as part of a caller's transaction (a flow's intake: the document, its items and their jobs in one); answers the new id. */
  putIn(multi: ChainableCommander, bytes: Buffer, meta: Omit<DocumentMeta, 'receivedAt' | 'bytes'>, id: string = randomUUID()): string {
    const full: DocumentMeta = { ...meta, receivedAt: new Date().toISOString(), bytes: bytes.length };
    multi
      .set(this.keys.document(id), this.sealer.seal(bytes), 'EX', this.retentionSeconds)
      .hset(this.keys.documentMeta(id), full as unknown as Record<string, string>)
      .expire(this.keys.documentMeta(id), this.retentionSeconds);
    return id;
  }

  /** The document's bytes as received (one stored in clear before sealing, as it is). */
  async get(id: string): Promise<Buffer | null> {
    const stored = await this.redis.getBuffer(this.keys.document(id));
    return stored === null ? null : this.sealer.open(stored);
  }
}
