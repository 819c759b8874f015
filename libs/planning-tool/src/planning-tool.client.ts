import http from 'node:http';
import https from 'node:https';
import axios, { AxiosInstance, AxiosResponse } from 'axios';
import { parseRetryAfter } from '@brygga/vendor-http';
import { describeOperation, requestOf } from './planning-operation.requests';
import type { KeyedOperation } from './keyed-operation';
import { WriteCoalescer } from './write-coalescer';
import { PlanningPermanentError, PlanningTransientError, summariseProblem } from './planning-tool.errors';

export interface PlanningTenant {
  name: string;
  /** e.g. http://localhost:4020/kommunen; the client appends /api/v1. */
  baseUrl: string;
  token: string;
}

export interface PlanningClientOptions {
  timeoutMs: number;
  /** > 0: writes of concurrent callers within this window share batch requests (full loads). */
  batchWindowMs?: number;
  /** Largest response body accepted. */
  maxResponseBytes?: number;
}

export const MAX_BATCH_OPERATIONS = 200;
const MAX_REQUEST_BYTES = 1024 * 1024;

/**
 * The planning tool's import API for one tenant. Classifies every failure as transient
 * (retry) or permanent (fail the job with the Problem's title and fields); never
 * follows redirects and never lets a path become an absolute URL elsewhere.
 */
export class PlanningToolClient {
  private readonly http: AxiosInstance;
  private readonly coalescer?: WriteCoalescer;

  constructor(
    readonly tenant: PlanningTenant,
    options: PlanningClientOptions,
  ) {
    this.http = axios.create({
      baseURL: `${tenant.baseUrl.replace(/\/+$/, '')}/api/v1`,
      timeout: options.timeoutMs,
      maxRedirects: 0,
      allowAbsoluteUrls: false,
      maxContentLength: options.maxResponseBytes ?? 16 * 1024 * 1024,
      maxBodyLength: MAX_REQUEST_BYTES,
      httpAgent: new http.Agent({ keepAlive: true, maxSockets: 64 }),
      httpsAgent: new https.Agent({ keepAlive: true, maxSockets: 64 }),
      headers: { Authorization: `Bearer ${tenant.token}`, 'Content-Type': 'application/json' },
      validateStatus: () => true,
      transitional: { clarifyTimeoutError: true },
    });
    if (options.batchWindowMs) this.coalescer = new WriteCoalescer({ postBatch: (w) => this.postBatch(w) }, options.batchWindowMs);
  }

  /**
   * Sends operations in order: shared batches when coalescing, else one request for a
   * single operation and batches of at most 200 otherwise. Resolves once all were accepted.
   */
  async send(writes: KeyedOperation[]): Promise<void> {
    if (writes.length === 0) return;
    if (this.coalescer && writes.length <= MAX_BATCH_OPERATIONS) return this.coalescer.submit(writes);
    if (writes.length === 1) return this.sendOne(writes[0]);
    for (let i = 0; i < writes.length; i += MAX_BATCH_OPERATIONS) {
      await this.sendBatch(writes.slice(i, i + MAX_BATCH_OPERATIONS));
    }
  }

  private async sendOne({ operation, idempotencyKey }: KeyedOperation): Promise<void> {
    const where = describeOperation(operation);
    const { method, path, body } = requestOf(operation);
    const response = await this.request(where, () => this.http.request({ method, url: path, data: body, headers: { 'Idempotency-Key': idempotencyKey } }));
    this.check(response.status, response.headers['retry-after'], response.data, where);
  }

  private async sendBatch(writes: KeyedOperation[]): Promise<void> {
    // Transient operation failures retry the whole (idempotent) batch; a permanent one fails it.
    const refusal = (await this.postBatch(writes)).find((v) => v !== undefined);
    if (refusal) throw refusal;
  }

  /** One batch request; throws for the request as a whole, else one verdict per operation (undefined = accepted). */
  async postBatch(writes: KeyedOperation[]): Promise<Array<Error | undefined>> {
    const operations = writes.map(({ operation, idempotencyKey }) => {
      const { method, path, body } = requestOf(operation);
      return { method, path: `/api/v1${path}`, idempotencyKey, ...(body !== undefined && { body }) };
    });
    const response = await this.request('POST batch', () => this.http.post('/batch', { operations }));
    this.check(response.status, response.headers['retry-after'], response.data, 'POST batch');
    const results = (response.data as { results?: Array<{ status?: number; problem?: unknown }> })?.results;
    if (!Array.isArray(results) || results.length !== writes.length) {
      throw new PlanningTransientError(`planning tool batch answered ${results?.length ?? 'no'} results for ${writes.length} operations`);
    }
    return results.map((r, i) => {
      try {
        this.check(r.status ?? 0, undefined, r.problem, `batch operation ${i} ${describeOperation(writes[i].operation)}`);
        return undefined;
      } catch (error) {
        return error as Error;
      }
    });
  }

  private async request(where: string, call: () => Promise<AxiosResponse>): Promise<AxiosResponse> {
    try {
      return await call();
    } catch (error) {
      const code = (error as { code?: string }).code ?? 'ERROR';
      throw new PlanningTransientError(`planning tool ${this.tenant.name} unreachable for ${where}: ${code}`);
    }
  }

  private check(status: number, retryAfter: unknown, body: unknown, where: string): void {
    if (status >= 200 && status < 300) return;
    if (status === 429 || status === 503 || status >= 500 || status === 0) {
      throw new PlanningTransientError(`planning tool ${this.tenant.name} answered ${status} to ${where}`, parseRetryAfter(retryAfter));
    }
    const { title, fields } = summariseProblem(body);
    throw new PlanningPermanentError(status, title, fields, `${this.tenant.name} ${where}`);
  }
}
