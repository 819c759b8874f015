import { Injectable } from '@nestjs/common';
import type { ApiRequest } from './api-request';
import { invalid, type ApiResult, type Problem } from './problem';

/** One operation of a batch body, as the contract's batch schema has already checked it. */
interface BatchOperation {
  method: string;
  path: string;
  idempotencyKey: string;
  body?: unknown;
}

export interface BatchResultEntry {
  status: number;
  problem?: Problem;
}

/**
 * `POST /batch`: the operations run one after the other, in order, each through the
 * same dispatcher as a single request (so each is validated, keyed and counted alone)
 * and each answers its own status; the batch itself answers 207.
 */
@Injectable()
export class BatchRunner {
  run(body: unknown, executeOne: (req: ApiRequest) => ApiResult): ApiResult {
    const operations = (body as { operations: BatchOperation[] }).operations;
    const results: BatchResultEntry[] = operations.map((op, index) => {
      if (op.path.includes('?') || op.path.includes('#')) {
        return toEntry(invalid([{ field: `operations.${index}.path`, message: 'must be a path without query or fragment' }]));
      }
      return toEntry(
        executeOne({
          method: op.method,
          path: op.path,
          query: {},
          headers: { 'idempotency-key': op.idempotencyKey },
          body: op.body,
        }),
      );
    });
    return { status: 207, body: { results } };
  }
}

function toEntry(result: ApiResult): BatchResultEntry {
  return result.problem ? { status: result.status, problem: result.problem } : { status: result.status };
}
