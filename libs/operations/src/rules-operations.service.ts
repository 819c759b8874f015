import { Inject, Injectable } from '@nestjs/common';
import type { AdminRequestContext } from '@brygga/admin-access';
import { OperationsAudit } from './operations-audit';
import { RULES_CONTROL, type RulesControl, type RulesReload, type RulesStatus } from './rules-control';

/** The mapping rules in force, and reloading them (admin), audited with its outcome. */
@Injectable()
export class RulesOperationsService {
  constructor(
    @Inject(RULES_CONTROL) private readonly rules: RulesControl,
    private readonly audit: OperationsAudit,
  ) {}

  status(): RulesStatus {
    return this.rules.status();
  }

  /**
   * Reads the rules file again in this process (the API's): new rules take effect between
   * jobs. Other processes (workers of ROLE=worker) follow the same file by their own
   * watch or SIGHUP; this does not reach them.
   */
  async reload(actor: AdminRequestContext): Promise<RulesReload> {
    return this.audit.record(actor, 'rules.reload', undefined, async () => this.rules.reload(`admin API, ${actor.principal.name}`), (r) => r.outcome);
  }
}
