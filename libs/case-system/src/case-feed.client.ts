import http from 'node:http';
import axios, { AxiosInstance } from 'axios';

export type FeedPage =
  | { kind: 'page'; body: Buffer }
  /** 429 or 503: come back after this long (Retry-After, else the caller's default). */
  | { kind: 'wait'; status: number; retryAfterMs?: number };

export class CaseFeedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CaseFeedError';
  }
}

/** The case system's change feed (`GET /api/uppdrag/andringar?efter=&max=`). */
export class CaseFeedClient {
  private readonly http: AxiosInstance;

  constructor(baseUrl: string, token: string, timeoutMs = 30_000) {
    this.http = axios.create({
      baseURL: baseUrl.replace(/\/+$/, ''),
      timeout: timeoutMs,
      maxRedirects: 0,
      allowAbsoluteUrls: false,
      maxContentLength: 256 * 1024 * 1024,
      responseType: 'arraybuffer',
      httpAgent: new http.Agent({ keepAlive: true }),
      headers: { Authorization: `Bearer ${token}`, Accept: 'application/xml' },
      validateStatus: () => true,
    });
  }

  async fetch(after: number, max: number): Promise<FeedPage> {
    let response;
    try {
      response = await this.http.get('/api/uppdrag/andringar', { params: { efter: after, max } });
    } catch (error) {
      throw new CaseFeedError(`case system feed unreachable: ${(error as { code?: string }).code ?? 'ERROR'}`);
    }
    if (response.status === 200) return { kind: 'page', body: Buffer.from(response.data as ArrayBuffer) };
    if (response.status === 429 || response.status === 503) {
      const seconds = Number(response.headers['retry-after']);
      return { kind: 'wait', status: response.status, retryAfterMs: Number.isFinite(seconds) && seconds >= 0 ? seconds * 1000 : undefined };
    }
    if (response.status === 401) throw new CaseFeedError('case system feed answered 401: check CASE_SYSTEM_TOKEN');
    throw new CaseFeedError(`case system feed answered ${response.status}`);
  }
}
