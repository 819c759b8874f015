import { PermanentFailure } from '@brygga/domain';

/**
 * A vendor call that may work on a later attempt: left to the queue's retry, not before
 * `retryAfterMs` where the vendor named a wait (the worker host reads it). Named after its
 * class, so a subclass that only says whose call it was needs no constructor of its own.
 */
export class VendorTransientError extends Error {
  constructor(
    message: string,
    readonly retryAfterMs?: number,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

/**
 * A pull that may work on a later attempt: the peer unreachable or timed out (`code`),
 * or answering a status the client does not expect (`status`).
 * Adapters subclass it so their callers can tell whose pull it was.
 */
export class VendorPullError extends VendorTransientError {
  constructor(
    message: string,
    readonly detail: { code?: string; status?: number } = {},
  ) {
    super(message);
  }
}

/**
 * 401/403: the peer refuses our token. Retrying sends the same token, so the job fails at
 * once and the message names the env variable operations must fix (never the token).
 */
export class VendorUnauthorizedError extends PermanentFailure {
  readonly reasonCode = 'vendor-unauthorized';

  constructor(
    readonly system: string,
    readonly status: number,
    readonly tokenVariable: string,
    what: string,
  ) {
    const why = status === 401 ? 'the token is refused' : 'the token may not read this';
    super(`${system} answered ${status} to the ${what}: ${why}; check ${tokenVariable}`);
    this.name = 'VendorUnauthorizedError';
  }
}
