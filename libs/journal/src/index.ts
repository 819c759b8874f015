export * from './journal-keys';
export * from './journal-entry';
export * from './journal.store';
export * from './journal.writer';
export * from './timeline.service';
export * from './journal-query.service';
export * from './journal.module';
