import { PermanentFailure } from '@brygga/domain';

/**
 * A pull that may work on a later attempt: the peer unreachable or timed out (`code`),
 * or answering a status the client does not expect (`status`). Left to the queue's retry.
 * Adapters subclass it so their callers can tell whose pull it was.
 */
export class VendorPullError extends Error {
  constructor(
    message: string,
    readonly detail: { code?: string; status?: number } = {},
  ) {
    super(message);
    this.name = 'VendorPullError';
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
