import { createHmac, timingSafeEqual } from 'node:crypto';

export const SIGNATURE_HEADER = 'X-Brygga-Signature';
export const TIMESTAMP_HEADER = 'X-Brygga-Timestamp';
export const EVENT_ID_HEADER = 'X-Brygga-Event-Id';
/** How far a receiver should accept a timestamp from its own clock (seconds). */
export const SIGNATURE_TOLERANCE_SECONDS = 300;

/**
 * `sha256=<hex HMAC-SHA256 of "<timestamp>.<body>">`: the timestamp (Unix seconds, sent in
 * X-Brygga-Timestamp) is signed with the body, so a captured request replayed later fails
 * the receiver's freshness check and cannot be re-dated without the secret.
 */
export function signWebhook(secret: string, timestamp: string, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
}

/** What a receiver does (Node): recompute, compare in constant time, refuse a stale timestamp. */
export function verifyWebhook(secret: string, request: { signature?: string; timestamp?: string; body: string }, nowSeconds = Date.now() / 1000): boolean {
  const { signature, timestamp, body } = request;
  if (!signature || !timestamp || !/^\d{1,12}$/.test(timestamp)) return false;
  if (Math.abs(nowSeconds - Number(timestamp)) > SIGNATURE_TOLERANCE_SECONDS) return false;
  const expected = Buffer.from(signWebhook(secret, timestamp, body));
  const given = Buffer.from(signature);
  return given.length === expected.length && timingSafeEqual(given, expected);
}
