import { Global, Module, type Provider } from '@nestjs/common';
import type Redis from 'ioredis';
import { KEY_PREFIX, REDIS } from '@brygga/flow-kernel';
import { JournalQueryService } from './journal-query.service';
import { journalKeys } from './journal-keys';
import { JournalStore } from './journal.store';
import { JournalWriter } from './journal.writer';
import { TimelineService } from './timeline.service';

/** The journal's store and writer, for the process's infrastructure (every role writes). */
export function journalProviders(retentionDays: number): Provider[] {
  return [{ provide: JournalStore, inject: [REDIS, KEY_PREFIX], useFactory: (redis: Redis, prefix: string) => new JournalStore(redis, journalKeys(prefix), retentionDays) }, JournalWriter];
}

/**
 * The journal's reads (the timeline, business keys) for the admin API and the operations
 * page. Global, as the operations services are, so both inject the same ones; on the
 * store the infrastructure provides and the audit log the operations module does.
 */
@Global()
@Module({ providers: [TimelineService, JournalQueryService], exports: [TimelineService, JournalQueryService] })
export class JournalReadModule {}
