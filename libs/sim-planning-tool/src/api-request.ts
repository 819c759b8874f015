import type { ApiResult } from './problem';

/** One request to a tenant's API, from HTTP or from inside a batch. */
export interface ApiRequest {
  method: string;
  /** Tenant-relative path without query, e.g. `/api/v1/customers/C-1`. */
  path: string;
  query: Record<string, unknown>;
  /** Lower-case header names. */
  headers: Record<string, string | string[] | undefined>;
  /** The parsed JSON body; undefined when none was sent. */
  body?: unknown;
  /** Why the body could not be read, answered only where the operation takes a body. */
  bodyError?: ApiResult;
}
