import { VendorPullClient, VendorPullError, VendorWait } from '@brygga/vendor-http';

export type FeedPage = { kind: 'page'; body: Buffer } | VendorWait;

/** The feed unreachable or answering an unexpected status: retryable. A refused token is `VendorUnauthorizedError` (permanent). */
export class CaseFeedError extends VendorPullError {}

/** The case system's change feed (`GET /api/uppdrag/andringar?efter=&max=`). */
export class CaseFeedClient extends VendorPullClient {
  constructor(baseUrl: string, token: string, timeoutMs = 30_000) {
    // The limit this client always had: feed pages of up to `max` assignments are the largest pull.
    super({ system: 'case system', baseUrl, token, tokenVariable: 'CASE_SYSTEM_TOKEN', timeoutMs, maxBytes: 256 * 1024 * 1024, failure: CaseFeedError });
  }

  async fetch(after: number, max: number): Promise<FeedPage> {
    const answer = await this.get('/api/uppdrag/andringar', { efter: after, max }, 'change feed');
    return answer.kind === 'ok' ? { kind: 'page', body: answer.body } : answer;
  }
}
