import { createHmac } from 'node:crypto';

/** Ids the middleware chooses for the planning tool (`^[A-Za-z0-9_.:-]{1,80}$`). */
export interface PlanningIds {
  /** Stable per person; never contains (or reveals without the key) the identity number. */
  customerId(identityNumber: string): string;
  /** Stable per intervention; assignment ids may hold Swedish letters the pattern forbids. */
  serviceOrderId(assignmentId: string, interventionId: string): string;
}

const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
const ID_LENGTH = 26;

function base32(bytes: Buffer): string {
  let out = '';
  let bits = 0;
  let value = 0;
  for (const byte of bytes) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += BASE32[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
    value &= (1 << bits) - 1;
  }
  return out;
}

/**
 * Keyed (HMAC-SHA256) rather than plain hashes: personnummer are few and structured, so
 * an unkeyed hash could be reversed by trying them all. The key must stay the same for
 * the life of an installation, or every id changes.
 */
export function createPlanningIds(key: string): PlanningIds {
  if (key.length < 16) throw new Error('planning ids: the key must be at least 16 characters');
  const digest = (kind: string, ...parts: string[]): string =>
    base32(createHmac('sha256', key).update(kind).update('\u0000').update(parts.join('\u0000')).digest()).slice(0, ID_LENGTH);
  return {
    customerId: (identityNumber) => `C-${digest('customer', identityNumber)}`,
    serviceOrderId: (assignmentId, interventionId) => `SO-${digest('service-order', assignmentId, interventionId)}`,
  };
}
