import http from 'node:http';
import https from 'node:https';
import axios, { AxiosInstance, AxiosResponse } from 'axios';
import type { PlanningOperationKind, TenantGate, TenantPass } from '@brygga/domain';
import { parseRetryAfter } from '@brygga/vendor-http';
import { describeOperation, type PlanningRead, readPathOf, requestOf } from './planning-operation.requests';
import type { KeyedOperation } from './keyed-operation';
import { refusalsByGroup, WriteCoalescer } from './write-coalescer';
import { PlanningPermanentError, PlanningTransientError, sendOutcomeOf, summariseProblem } from './planning-tool.errors';

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
  /** Told of every request as it ends (metrics, tenant health); must not throw. */
  observe?: PlanningRequestObserver;
  /**
   * The request id of what is running (the job and the inbound request that caused it), sent
   * as `X-Request-Id` (the contract declares no such header and refuses none it does not
   * declare). A batch shared by several jobs carries the id of the job that opened it.
   */
  requestId?: () => string | undefined;
  /**
   * Asked before every send (maintenance windows, the tenant's circuit breaker): throws the
   * domain's TenantUnavailable before any request goes out, and is told how the send ended.
   */
  gate?: TenantGate;
}

export type PlanningStatusClass = '2xx' | '4xx' | '5xx' | 'timeout' | 'network';

/** One request to the planning tool as it ended: closed sets and a tenant name, never what was sent. */
export interface PlanningRequestSample {
  tenant: string;
  /** The operation's kind, `batch` for a batch request, `read` for a GET. */
  operation: PlanningOperationKind | 'batch' | 'read';
  statusClass: PlanningStatusClass;
  /** The HTTP status, when the tool answered. */
  status?: number;
  seconds: number;
}

export type PlanningRequestObserver = (sample: PlanningRequestSample) => void;

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
  private readonly observe?: PlanningRequestObserver;
  private readonly requestId?: () => string | undefined;
  private readonly gate?: TenantGate;

  constructor(
    readonly tenant: PlanningTenant,
    options: PlanningClientOptions,
  ) {
    this.observe = options.observe;
    this.requestId = options.requestId;
    this.gate = options.gate;
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
    if (options.batchWindowMs) this.coalescer = new WriteCoalescer({ sendShared: (groups) => this.sendShared(groups) }, options.batchWindowMs);
  }

  /**
   * Sends operations in order: shared batches when coalescing, else one request for a
   * single operation and batches of at most 200 otherwise. Resolves once all were accepted.
   * The gate is asked before each request goes out and told how it ended.
   */
  async send(writes: KeyedOperation[]): Promise<void> {
    if (writes.length === 0) return;
    if (this.coalescer && writes.length <= MAX_BATCH_OPERATIONS) return this.coalescer.submit(writes);
    if (!this.gate) return this.sendAlone(writes);
    const pass = await this.gate.admit(this.tenant.name);
    try {
      await this.sendAlone(writes);
    } catch (error) {
      throw (await settleFailed(pass, error)) ?? error;
    }
    await pass.settle('answered');
  }

  /**
   * Several callers' writes in one batch request: the gate asked once for it (a refusal
   * rejects them all) and, when every caller's writes were answered, told so once: on a
   * full load that is two Redis round trips per batch instead of per caller. When any
   * failed, each caller's outcome is told in turn, as if it had sent alone: the breaker
   * counts failed callers as it always did, so the callers before it opens spend an
   * attempt and those after wait for the probe without spending one.
   */
  private async sendShared(groups: KeyedOperation[][]): Promise<Array<Error | undefined>> {
    const pass = await this.gate?.admit(this.tenant.name);
    let refusals: Array<Error | undefined>;
    let answered = true;
    try {
      refusals = refusalsByGroup(groups, await this.postBatch(groups.flat()));
    } catch (error) {
      if (!pass) throw error;
      // The request as a whole (a 429 or 503 with its Retry-After among them): told per caller below.
      refusals = groups.map(() => error as Error);
      answered = false;
    }
    if (!pass) return refusals;
    if (answered && refusals.every((r) => r === undefined || sendOutcomeOf(r) === 'answered')) {
      await pass.settle('answered');
      return refusals;
    }
    const told: Array<Error | undefined> = [];
    for (const refusal of refusals) {
      if (refusal === undefined) await pass.settle('answered');
      told.push(refusal && ((await settleFailed(pass, refusal)) ?? refusal));
    }
    return told;
  }

  private async sendAlone(writes: KeyedOperation[]): Promise<void> {
    if (writes.length === 1) return this.sendOne(writes[0]);
    for (let i = 0; i < writes.length; i += MAX_BATCH_OPERATIONS) {
      await this.sendBatch(writes.slice(i, i + MAX_BATCH_OPERATIONS));
    }
  }

  private async sendOne({ operation, idempotencyKey }: KeyedOperation): Promise<void> {
    const where = describeOperation(operation);
    const { method, path, body } = requestOf(operation);
    const response = await this.request(where, operation.kind, () => this.http.request({ method, url: path, data: body, headers: { 'Idempotency-Key': idempotencyKey, ...this.traceHeaders() } }));
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
    const response = await this.request('POST batch', 'batch', () => this.http.post('/batch', { operations }, { headers: this.traceHeaders() }));
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

  /**
   * One of the contract's GETs: the body, or undefined when the tool answers 404. Not
   * through the gate: a read changes nothing, and a reconciliation paces its own reads.
   */
  async read(what: PlanningRead): Promise<unknown> {
    const where = `GET ${what.kind}`;
    // A 404 is the read's answer (not there), not a refusal: the tenant's health and the log count it as answered.
    const response = await this.request(where, 'read', () => this.http.get(readPathOf(what), { headers: this.traceHeaders() }), true);
    if (response.status === 404) return undefined;
    this.check(response.status, response.headers['retry-after'], response.data, where);
    return response.data as unknown;
  }

  private traceHeaders(): Record<string, string> {
    const id = this.requestId?.();
    return id ? { 'X-Request-Id': id } : {};
  }

  private async request(where: string, operation: PlanningRequestSample['operation'], call: () => Promise<AxiosResponse>, notFoundAnswers = false): Promise<AxiosResponse> {
    const started = performance.now();
    const observed = (statusClass: PlanningStatusClass, status?: number) =>
      this.observe?.({ tenant: this.tenant.name, operation, statusClass, status, seconds: (performance.now() - started) / 1000 });
    try {
      const response = await call();
      observed(notFoundAnswers && response.status === 404 ? '2xx' : statusClassOf(response.status), response.status);
      return response;
    } catch (error) {
      const code = (error as { code?: string }).code ?? 'ERROR';
      observed(TIMEOUT_CODES.has(code) ? 'timeout' : 'network');
      throw new PlanningTransientError(`planning tool ${this.tenant.name} unreachable for ${where}: ${code}`);
    }
  }

  private check(status: number, retryAfter: unknown, body: unknown, where: string): void {
    if (status >= 200 && status < 300) return;
    if (status === 429 || status === 503 || status >= 500 || status === 0) {
      throw new PlanningTransientError(`planning tool ${this.tenant.name} answered ${status} to ${where}`, parseRetryAfter(retryAfter), status);
    }
    const { title, fields } = summariseProblem(body);
    throw new PlanningPermanentError(status, title, fields, `${this.tenant.name} ${where}`);
  }
}

/** Tells the gate how a send failed (its Retry-After too): the error to throw instead, when the tenant is now to be waited for. */
function settleFailed(pass: TenantPass, error: unknown): Promise<Error | undefined> {
  return pass.settle(sendOutcomeOf(error), error, error instanceof PlanningTransientError ? error.retryAfterMs : undefined);
}

/** What axios names a request that outlived its timeout (clarifyTimeoutError on, and off). */
const TIMEOUT_CODES: ReadonlySet<string> = new Set(['ETIMEDOUT', 'ECONNABORTED']);

function statusClassOf(status: number): PlanningStatusClass {
  if (status >= 200 && status < 300) return '2xx';
  return status >= 400 && status < 500 ? '4xx' : '5xx';
}
