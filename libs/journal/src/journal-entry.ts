import type { FlowEvent, FlowEventKind, FlowEventRefs } from '@brygga/flow-kernel';
import type { JournalIndex } from './journal-keys';

/** One journal entry as read back: the event, its stream id (unique, in time order) and its time. */
export interface JournalEntry {
  id: string;
  at: string;
  kind: FlowEventKind;
  status: string;
  refs: FlowEventRefs;
  rulesVersion?: string;
  answer?: { status: string; code?: string };
  personKey?: string;
  reasons?: string[];
  detail?: Record<string, string | number>;
}

/** What is stored of an event: everything but the index-only people (`alsoFor`). */
export type StoredEvent = Omit<FlowEvent, 'alsoFor'>;

// Ids and codes (assignment ids may hold Swedish letters): no spaces, so free text cannot be stored by mistake.
const CODE = /^[\p{L}\p{N}._:/@#+-]{1,200}$/u;

/**
 * Refuses an event holding anything but ids, codes and numbers, naming the field and never
 * quoting the value (the point of refusing it is that it may be what must not be stored).
 */
export function checkEvent(event: FlowEvent): void {
  const check = (field: string, value: unknown) => {
    if (value === undefined) return;
    if (typeof value === 'number' ? !Number.isFinite(value) : typeof value !== 'string' || !CODE.test(value)) {
      throw new Error(`journal entry ${field}: must be an id, a code or a number`);
    }
  };
  check('kind', event.kind);
  check('status', event.status);
  check('rulesVersion', event.rulesVersion);
  check('personKey', event.personKey);
  check('answer.status', event.answer?.status);
  check('answer.code', event.answer?.code);
  for (const [name, value] of Object.entries(event.refs)) {
    if (Array.isArray(value)) value.forEach((v) => check(`refs.${name}`, v));
    else check(`refs.${name}`, value);
  }
  for (const value of event.reasons ?? []) check('reasons', value);
  for (const value of event.alsoFor ?? []) check('alsoFor', value);
  for (const [name, value] of Object.entries(event.detail ?? {})) check(`detail.${name}`, value);
}

/** Each index the event is found by, with its value. */
export function indexesOf(event: FlowEvent): Array<[JournalIndex, string]> {
  const { refs } = event;
  const out: Array<[JournalIndex, string]> = [];
  for (const person of new Set([...(event.personKey ? [event.personKey] : []), ...(event.alsoFor ?? [])])) out.push(['personKey', person]);
  for (const field of ['assignmentId', 'documentId', 'unitId', 'requestId'] as const) {
    const value = refs[field];
    if (value !== undefined) out.push([field, value]);
  }
  for (const decision of new Set(refs.decisionIds ?? [])) out.push(['decisionId', decision]);
  return out;
}

export function storedOf(event: FlowEvent): StoredEvent {
  const { alsoFor: _alsoFor, ...stored } = event;
  return stored;
}
