import { Assignment } from '@brygga/domain';
import { BadRequestException, ConflictException, NotFoundException } from '@nestjs/common';
import { SeededRandom } from '@brygga/sim-scheduling-system';
import { isRealDate, stockholmDate, stockholmTimestamp } from './calendar';
import { CaseSystemStore } from './case-system.store';
import { switchProvider } from './provider-switch.generator';
import { PROVIDER_BY_CODE } from './providers.data';

/**
 * Changes a test names exactly (`POST /_sim/switch`, `POST /_sim/annul`), where churn
 * would pick at random. Only generated assignments qualify: a posted one is opaque.
 */
export interface SwitchRequest {
  id: string;
  provider: string;
  /** Last day of the current assignment; default today. */
  slutdatum?: string;
  /** Seeds the new assignment's details (address, interventions, contacts). */
  seed: number;
}

export interface SwitchResult {
  ended: { id: string; version: number; slutdatum: string };
  started: { id: string; version: number; startdatum: string; provider: string };
  sekvens: number;
}

function activeModel(store: CaseSystemStore, id: string): Assignment {
  const model = store.model(id);
  if (!model) throw new NotFoundException(`no generated assignment ${id}`);
  if (model.status !== 'aktiv') throw new ConflictException(`assignment ${id} is ${model.status}, not aktiv`);
  return model;
}

function validDate(text: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  return m !== null && isRealDate(Number(m[1]), Number(m[2]), Number(m[3]));
}

export function switchAssignment(store: CaseSystemStore, request: SwitchRequest, now: Date): SwitchResult {
  const current = activeModel(store, request.id);
  const target = PROVIDER_BY_CODE.get(request.provider);
  if (!target) throw new BadRequestException(`provider must be one of ${[...PROVIDER_BY_CODE.keys()].join(', ')}`);
  if (target.provider.code === current.provider.code) throw new BadRequestException('provider must differ from the current one');
  const today = stockholmDate(now);
  const slutdatum = request.slutdatum ?? today;
  if (!validDate(slutdatum)) throw new BadRequestException('slutdatum must be a date YYYY-MM-DD');
  if (slutdatum < current.startDate) throw new BadRequestException('slutdatum must not precede the assignment start');
  const changedAt = stockholmTimestamp(now);
  const { ended, started } = switchProvider({ rng: new SeededRandom(request.seed), ids: store.ids, today }, current, target, slutdatum, { ended: changedAt, started: changedAt });
  store.appendAssignment(ended);
  const sekvens = store.appendAssignment(started);
  return {
    ended: { id: ended.id, version: ended.version, slutdatum: ended.endDate ?? slutdatum },
    started: { id: started.id, version: started.version, startdatum: started.startDate, provider: started.provider.code },
    sekvens,
  };
}

export function annulAssignment(store: CaseSystemStore, id: string, now: Date): { id: string; version: number; sekvens: number } {
  const model = store.model(id);
  if (!model) throw new NotFoundException(`no generated assignment ${id}`);
  if (model.status === 'makulerad') throw new ConflictException(`assignment ${id} is already makulerad`);
  const next: Assignment = { ...structuredClone(model), version: model.version + 1, status: 'makulerad', changedAt: stockholmTimestamp(now) };
  return { id, version: next.version, sekvens: store.appendAssignment(next) };
}
