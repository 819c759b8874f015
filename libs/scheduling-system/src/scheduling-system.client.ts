import http from 'node:http';
import https from 'node:https';
import axios, { AxiosInstance, AxiosResponse } from 'axios';
import { ScheduleRejectedError } from './schedule-rejected.error';
import { decodeXmlBytes } from './xml-bytes.decoder';
import { buildXmlTree } from './xml-tree.builder';

/** 429 or 503: come back after this long (Retry-After, else the caller's default). */
export interface SchedulingWait {
  kind: 'wait';
  status: number;
  retryAfterMs?: number;
}

export type UnitsResponse = { kind: 'units'; unitIds: string[] } | SchedulingWait;
export type ScheduleResponse = { kind: 'document'; body: Buffer } | { kind: 'unknownUnit' } | SchedulingWait;

export class SchedulingSystemError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SchedulingSystemError';
  }
}

/** The scheduling system's pull API (`GET /api/units`, `GET /api/schedules/{unit}?from=&to=`). */
export class SchedulingSystemClient {
  private readonly http: AxiosInstance;

  constructor(baseUrl: string, token: string, timeoutMs = 30_000) {
    this.http = axios.create({
      baseURL: baseUrl.replace(/\/+$/, ''),
      timeout: timeoutMs,
      maxRedirects: 0,
      allowAbsoluteUrls: false,
      maxContentLength: 64 * 1024 * 1024,
      responseType: 'arraybuffer',
      httpAgent: new http.Agent({ keepAlive: true }),
      httpsAgent: new https.Agent({ keepAlive: true }),
      headers: { Authorization: `Bearer ${token}`, Accept: 'application/xml' },
      validateStatus: () => true,
    });
  }

  async units(): Promise<UnitsResponse> {
    const response = await this.get('/api/units', 'unit list');
    const wait = waitOf(response);
    if (wait) return wait;
    if (response.status !== 200) throw failure(response.status, 'unit list');
    return { kind: 'units', unitIds: readUnitIds(Buffer.from(response.data as ArrayBuffer)) };
  }

  async schedule(unitId: string, from: string, to: string): Promise<ScheduleResponse> {
    const response = await this.get(`/api/schedules/${encodeURIComponent(unitId)}`, `schedule of unit ${unitId}`, { from, to });
    const wait = waitOf(response);
    if (wait) return wait;
    if (response.status === 404) return { kind: 'unknownUnit' };
    if (response.status !== 200) throw failure(response.status, `schedule of unit ${unitId}`);
    return { kind: 'document', body: Buffer.from(response.data as ArrayBuffer) };
  }

  private async get(path: string, what: string, params?: Record<string, string>): Promise<AxiosResponse> {
    try {
      return await this.http.get(path, { params });
    } catch (error) {
      throw new SchedulingSystemError(`scheduling system unreachable for the ${what}: ${(error as { code?: string }).code ?? 'ERROR'}`);
    }
  }
}

function waitOf(response: AxiosResponse): SchedulingWait | undefined {
  if (response.status !== 429 && response.status !== 503) return undefined;
  const seconds = Number(response.headers['retry-after']);
  return { kind: 'wait', status: response.status, retryAfterMs: Number.isFinite(seconds) && seconds >= 0 ? seconds * 1000 : undefined };
}

function failure(status: number, what: string): SchedulingSystemError {
  if (status === 401) return new SchedulingSystemError(`scheduling system answered 401 to the ${what}: check SCHEDULING_SYSTEM_TOKEN`);
  return new SchedulingSystemError(`scheduling system answered ${status} to the ${what}`);
}

/** `<Units><Unit id=".." name=".."/>…</Units>` -> the ids, in document order. */
export function readUnitIds(bytes: Buffer): string[] {
  let root;
  try {
    root = buildXmlTree(decodeXmlBytes(bytes));
  } catch (error) {
    if (error instanceof ScheduleRejectedError) throw new SchedulingSystemError(`scheduling system unit list: ${error.reason}`);
    throw error;
  }
  if (root.name !== 'Units') throw new SchedulingSystemError('scheduling system unit list: the root element must be Units');
  return root.children.filter((c) => c.name === 'Unit' && typeof c.attributes.id === 'string' && c.attributes.id !== '').map((c) => c.attributes.id);
}
