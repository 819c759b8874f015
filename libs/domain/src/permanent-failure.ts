/**
 * A failure that sending the same again will not fix (a 4xx, a tenant nobody configured).
 * Adapters throw subclasses; the flow kernel turns any of them into a job that fails at
 * once, with `reasonCode` naming its kind for operations.
 */
export abstract class PermanentFailure extends Error {
  abstract readonly reasonCode: string;
}
