import http from 'node:http';
import https from 'node:https';
import axios, { AxiosInstance } from 'axios';
import { parseRetryAfter } from './retry-after.parser';
import { VendorPullError, VendorUnauthorizedError } from './vendor-pull.errors';

/** 429 or 503: come back after this long (Retry-After, else the caller's default). */
export interface VendorWait {
  kind: 'wait';
  status: number;
  retryAfterMs?: number;
}

export type VendorPull = { kind: 'ok'; body: Buffer } | VendorWait;

export type VendorParams = Record<string, string | number>;

/** 404 where the caller asked for it as an answer (the thing asked for does not exist). */
export interface VendorMissing {
  kind: 'missing';
}

export interface VendorPullOptions {
  /** Names the peer in every message, e.g. 'case system'. */
  system: string;
  baseUrl: string;
  token: string;
  /** The env variable `token` came from: a 401/403 names it, so operations know what to fix. */
  tokenVariable: string;
  timeoutMs?: number;
  /** Largest body taken; a bigger one fails the pull rather than filling memory. */
  maxBytes?: number;
  /** The adapter's subclass for a retryable failure, so its callers can tell whose pull it was. */
  failure?: typeof VendorPullError;
}

/**
 * One HTTP setup for pulling XML from a vendor: keep-alive, a timeout, bearer token, no
 * redirects (a redirect could carry the token elsewhere), paths only (an absolute URL
 * would bypass `baseUrl`), the body as raw bytes (the adapter detects the encoding).
 * Every status is looked at here, so the answers are classified in one place.
 */
export abstract class VendorPullClient {
  private readonly http: AxiosInstance;

  protected constructor(private readonly options: VendorPullOptions) {
    this.http = axios.create({
      baseURL: options.baseUrl.replace(/\/+$/, ''),
      timeout: options.timeoutMs ?? 30_000,
      maxRedirects: 0,
      allowAbsoluteUrls: false,
      maxContentLength: options.maxBytes ?? 64 * 1024 * 1024,
      responseType: 'arraybuffer',
      httpAgent: new http.Agent({ keepAlive: true }),
      httpsAgent: new https.Agent({ keepAlive: true }),
      headers: { Authorization: `Bearer ${options.token}`, Accept: 'application/xml' },
      validateStatus: () => true,
    });
  }

  /** GET `path`: the body on 200, a wait on 429/503; throws otherwise (see `request`). */
  protected async get(path: string, params: VendorParams | undefined, what: string): Promise<VendorPull> {
    return this.request(path, params, what, false);
  }

  /** As `get`, but a 404 is an answer (the thing asked for does not exist), not a failure. */
  protected async getUnlessMissing(path: string, params: VendorParams | undefined, what: string): Promise<VendorPull | VendorMissing> {
    return this.request(path, params, what, true);
  }

  private failure(message: string, detail: { code?: string; status?: number }): VendorPullError {
    return new (this.options.failure ?? VendorPullError)(message, detail);
  }

  private request(path: string, params: VendorParams | undefined, what: string, missingOk: false): Promise<VendorPull>;
  private request(path: string, params: VendorParams | undefined, what: string, missingOk: boolean): Promise<VendorPull | VendorMissing>;
  private async request(path: string, params: VendorParams | undefined, what: string, missingOk: boolean): Promise<VendorPull | VendorMissing> {
    const { system, tokenVariable } = this.options;
    let response;
    try {
      response = await this.http.get(path, { params });
    } catch (error) {
      // The code only: axios' message and config would show the URL and headers (the token).
      const code = String((error as { code?: unknown }).code ?? 'ERROR');
      throw this.failure(`${system} unreachable for the ${what}: ${code}`, { code });
    }
    const { status } = response;
    if (status === 200) return { kind: 'ok', body: Buffer.from(response.data as ArrayBuffer) };
    if (status === 429 || status === 503) return { kind: 'wait', status, retryAfterMs: parseRetryAfter(response.headers['retry-after']) };
    if (status === 401 || status === 403) throw new VendorUnauthorizedError(system, status, tokenVariable, what);
    if (status === 404 && missingOk) return { kind: 'missing' };
    // Never the body: a vendor's error page may echo what was asked, or personal data.
    throw this.failure(`${system} answered ${status} to the ${what}`, { status });
  }
}
