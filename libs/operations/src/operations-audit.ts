import { HttpException, Injectable } from '@nestjs/common';
import { type AdminRequestContext, AuditLogStore } from '@brygga/admin-access';

/** The audit log's action codes: every operator and admin action, one word each. */
export type OperationsAction = 'queue.pause' | 'queue.resume' | 'queue.drain' | 'jobs.redrive' | 'jobs.discard' | 'quarantine.requeue' | 'rules.reload' | 'rules.dry-run' | 'rules.replay' | 'rules.apply' | 'maintenance.start' | 'maintenance.end' | 'reconcile.start' | 'reconcile.repair';

// An outcome code per HTTP status an action may end in; anything else is `failed`.
const OUTCOME_OF_STATUS: ReadonlyMap<number, string> = new Map([
  [400, 'invalid'],
  [404, 'not-found'],
  [409, 'conflict'],
]);
const TARGET = /^[A-Za-z0-9._:/@#-]{1,200}$/;

/**
 * Runs an operator's or admin's action and writes its audit entry, whether it succeeded
 * or failed (then with the failure's outcome code, and the failure rethrown as it was).
 * A target that is not an id or a code (a client's made-up job id with spaces, say) is
 * left out rather than stored.
 */
@Injectable()
export class OperationsAudit {
  constructor(private readonly log: AuditLogStore) {}

  async record<T>(actor: AdminRequestContext, action: OperationsAction, target: string | undefined, work: () => Promise<T>, outcomeOf: (result: T) => string = () => 'ok'): Promise<T> {
    const entry = { tokenName: actor.principal.name, role: actor.principal.role, action, ...(target !== undefined && TARGET.test(target) && { target }), requestId: actor.requestId };
    let result: T;
    try {
      result = await work();
    } catch (error) {
      const outcome = error instanceof HttpException ? (OUTCOME_OF_STATUS.get(error.getStatus()) ?? 'failed') : 'failed';
      await this.log.append({ ...entry, outcome });
      throw error;
    }
    await this.log.append({ ...entry, outcome: outcomeOf(result) });
    return result;
  }
}
