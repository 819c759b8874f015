import { BadRequestException } from '@nestjs/common';
import type { ScoredMember } from '@brygga/flow-kernel';

/**
 * A list's cursor: the place of the last item shown and the source it came from (a
 * queue, a flow) when a list merges several sources. Opaque to clients (base64url of
 * JSON), checked when it comes back: a bad one is a 400 naming `cursor`.
 */
export interface ListPosition extends ScoredMember {
  source: string;
}

export function encodeCursor(position: ListPosition): string {
  return Buffer.from(JSON.stringify([position.score, position.source, position.member])).toString('base64url');
}

export function decodeCursor(cursor: string | undefined): ListPosition | undefined {
  if (cursor === undefined) return undefined;
  const bad = () => new BadRequestException('cursor must be the next of a page of this list');
  if (!/^[A-Za-z0-9_-]{1,2000}$/.test(cursor)) throw bad();
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw bad();
  }
  if (!Array.isArray(value) || value.length !== 3) throw bad();
  const [score, source, member] = value as unknown[];
  if (typeof score !== 'number' || !Number.isFinite(score) || typeof source !== 'string' || typeof member !== 'string') throw bad();
  return { score, source, member };
}
