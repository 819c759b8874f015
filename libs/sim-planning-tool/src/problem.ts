import type { Response } from 'express';

/** One broken rule: the field (dotted path, e.g. `address.postalCode`) and what is wrong, never its value. */
export interface FieldError {
  field: string;
  message: string;
}

/** The contract's Problem schema. */
export interface Problem {
  title: string;
  detail?: string;
  errors?: FieldError[];
}

/** What one API operation answers, whether it came alone or inside a batch. */
export interface ApiResult {
  status: number;
  body?: unknown;
  problem?: Problem;
  headers?: Record<string, string>;
}

export function problemResult(status: number, title: string, detail?: string, errors?: FieldError[]): ApiResult {
  const problem: Problem = { title };
  if (detail !== undefined) problem.detail = detail;
  if (errors !== undefined) problem.errors = errors;
  return { status, problem };
}

export function invalid(errors: FieldError[], detail = 'the request breaks the contract'): ApiResult {
  return problemResult(400, 'Invalid request', detail, errors);
}

export function sendResult(res: Response, result: ApiResult): void {
  for (const [name, value] of Object.entries(result.headers ?? {})) res.setHeader(name, value);
  res.status(result.status);
  if (result.problem) {
    res.type('application/json').send(JSON.stringify(result.problem));
  } else if (result.body !== undefined) {
    res.type('application/json').send(JSON.stringify(result.body));
  } else {
    res.end();
  }
}
