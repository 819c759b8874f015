import { Assignment } from '@brygga/domain';

/** Read access to the generated assignments' current models. */
export interface ModelSource {
  modelIds(): string[];
  model(id: string): Assignment | undefined;
}

/**
 * The active assignments that are the newer of a client's assignments (latest
 * `startdatum`) while the client has another that is not annulled: what "annul one of
 * two" can hit, leaving the other in place (demo-municipality.md, "One client, several
 * assignments").
 */
export function newerOfTwoAssignments(source: ModelSource): string[] {
  const byClient = new Map<string, Assignment[]>();
  for (const id of source.modelIds()) {
    const a = source.model(id);
    if (!a || a.status === 'makulerad') continue;
    const list = byClient.get(a.client.identityNumber);
    if (list) list.push(a);
    else byClient.set(a.client.identityNumber, [a]);
  }
  const newer: string[] = [];
  for (const list of byClient.values()) {
    if (list.length < 2) continue;
    const latest = list.reduce((a, b) => (b.startDate > a.startDate ? b : a));
    if (latest.status === 'aktiv') newer.push(latest.id);
  }
  return newer;
}
