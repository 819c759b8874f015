import { BadRequestException, Inject, Injectable } from '@nestjs/common';
import { type AdminRequestContext, AuditLogStore } from '@brygga/admin-access';
import { PERSON_KEYS, type PersonKeys } from '@brygga/flow-kernel';
import type { JournalEntry } from './journal-entry';
import type { JournalIndex } from './journal-keys';
import { byEntryId, JournalStore } from './journal.store';

/** Whose timeline: one of the two, as the admin typed it. */
export interface TimelineQuery {
  identityNumber?: string;
  employmentNumber?: string;
}

export interface Timeline {
  /** The keyed hash the person is journaled by (what the audit names). */
  personKey: string;
  /** Oldest first. */
  entries: JournalEntry[];
  /** More entries than one answer holds: the oldest are answered. */
  cut: boolean;
}

const IDENTITY = /^(\d{6}|\d{8})[-+]?\d{4}$/;
const EMPLOYMENT = /^[A-Za-z0-9._-]{1,64}$/;
/** The most assignments (and documents) of a person whose entries are gathered beside the person's own. */
const MAX_ASSIGNMENTS = 100;

/**
 * A person's journal across both flows, found by the keyed hash of their identity number
 * (a client) or employment number (an employee). Every read is audited, whatever its end
 * (`timeline.read`, the token's name, the person by hashed key, never the number): the
 * municipality reviews who looked at whose data. A value that is not a number of its kind
 * is a 400 naming the field, never quoting it.
 */
@Injectable()
export class TimelineService {
  constructor(
    private readonly store: JournalStore,
    @Inject(PERSON_KEYS) private readonly persons: PersonKeys,
    private readonly audit: AuditLogStore,
  ) {}

  async read(actor: AdminRequestContext, query: TimelineQuery): Promise<Timeline> {
    const entry = { tokenName: actor.principal.name, role: actor.principal.role, action: 'timeline.read', requestId: actor.requestId };
    let personKey: string;
    try {
      personKey = this.personKeyOf(query);
    } catch (error) {
      await this.audit.append({ ...entry, outcome: 'invalid' });
      throw error;
    }
    try {
      const timeline = await this.gather(personKey);
      await this.audit.append({ ...entry, target: personKey, outcome: 'ok' });
      return timeline;
    } catch (error) {
      await this.audit.append({ ...entry, target: personKey, outcome: 'failed' });
      throw error;
    }
  }

  private personKeyOf({ identityNumber, employmentNumber }: TimelineQuery): string {
    if ((identityNumber === undefined) === (employmentNumber === undefined)) throw new BadRequestException('give exactly one of identityNumber, employmentNumber');
    if (identityNumber !== undefined) {
      const key = IDENTITY.test(identityNumber) ? this.persons.client(identityNumber) : undefined;
      if (key === undefined) throw new BadRequestException('identityNumber must be an identity number: 10 or 12 digits, with or without a hyphen');
      return key;
    }
    const key = EMPLOYMENT.test(employmentNumber ?? '') ? this.persons.employee(employmentNumber ?? '') : undefined;
    if (key === undefined) throw new BadRequestException('employmentNumber must be an employment number (1-64 of A-Z a-z 0-9 . _ -)');
    return key;
  }

  /**
   * The person's own entries, then those of the assignments they name (a failed job, an
   * intake quarantine carry no person key) and the receipt of each document they came in.
   */
  private async gather(personKey: string): Promise<Timeline> {
    const own = await this.store.gather([['personKey', personKey]]);
    const assignments = distinct(own.entries.map((e) => e.refs.assignmentId)).slice(0, MAX_ASSIGNMENTS);
    const lookups: Array<[JournalIndex, string]> = [['personKey', personKey], ...assignments.map((a): [JournalIndex, string] => ['assignmentId', a])];
    const all = assignments.length === 0 ? own : await this.store.gather(lookups);
    const documents = distinct(all.entries.map((e) => e.refs.documentId)).slice(0, MAX_ASSIGNMENTS);
    const receipts = (await this.store.oldest('documentId', documents)).filter((e) => e.kind === 'document.received');
    const byId = new Map([...all.entries, ...receipts].map((e) => [e.id, e]));
    return { personKey, entries: [...byId.values()].sort(byEntryId), cut: all.cut };
  }
}

function distinct(values: Array<string | undefined>): string[] {
  return [...new Set(values.filter((v): v is string => v !== undefined))];
}
