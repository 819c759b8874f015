import type { ResourceKind } from './contract-routes';

/**
 * Counts of writes a tenant received, as `GET /_sim/{tenant}/requests` answers them:
 *
 * ```json
 * {
 *   "total": 12,
 *   "reads": 3,
 *   "byMethodStatus": { "PUT 201": 9, "DELETE 204": 1, "POST 207": 1, "PUT 503": 1 },
 *   "byKind": { "PUT customer": 2, "PUT service-order": 6, "PUT staff-day": 2, "DELETE service-order": 1, "POST batch": 1 }
 * }
 * ```
 *
 * A write is every PUT/POST/DELETE HTTP request to the tenant's API (whatever its
 * outcome: 401, 413 and injected faults included) and every operation inside a batch;
 * a batch counts once as `POST batch` (with its own status, normally 207) and once per
 * operation under that operation's method, status and kind. `total` is the sum of
 * `byMethodStatus`. A write whose path is no contract path has no kind. `reads` counts
 * GET requests. Keys appear once they are non-zero.
 */
export interface RequestCounts {
  total: number;
  reads: number;
  byMethodStatus: Record<string, number>;
  byKind: Record<string, number>;
}

export class RequestStats {
  private counts: RequestCounts = RequestStats.empty();

  private static empty(): RequestCounts {
    return { total: 0, reads: 0, byMethodStatus: {}, byKind: {} };
  }

  record(method: string, status: number, kind: ResourceKind | undefined): void {
    if (method === 'GET' || method === 'HEAD') {
      this.counts.reads++;
      return;
    }
    this.counts.total++;
    const ms = `${method} ${status}`;
    this.counts.byMethodStatus[ms] = (this.counts.byMethodStatus[ms] ?? 0) + 1;
    if (kind) {
      const mk = `${method} ${kind}`;
      this.counts.byKind[mk] = (this.counts.byKind[mk] ?? 0) + 1;
    }
  }

  snapshot(): RequestCounts {
    return structuredClone(this.counts);
  }

  clear(): void {
    this.counts = RequestStats.empty();
  }
}
