import { BadRequestException, Inject, Injectable, NotFoundException } from '@nestjs/common';
import type { AdminRequestContext } from '@brygga/admin-access';
import { maintenanceWindowProblems, type MaintenanceWindowRule } from '@brygga/domain';
import { type MaintenanceWindow, MaintenanceWindowsStore } from '@brygga/flow-kernel';
import { JobProducer, QueueName } from '@brygga/queue';
import { OperationsAudit } from './operations-audit';
import { RULES_CONTROL, type RulesControl } from './rules-control';

const WINDOW_ID = /^[mr]-[0-9a-f]{12}$/;
/** The flows' queues whose jobs write to the planning tool (the scheduler's repeating jobs keep their times). */
const WRITING_QUEUES: readonly QueueName[] = [QueueName.Assignments, QueueName.ScheduleDocuments];

/**
 * Maintenance windows of the planning-tool tenants the rules name: listed (viewer), set and
 * ended early (admin, audited by tenant and window id; the reason is operator text, kept
 * with the window and never in the audit or a log line). While one is in force, that
 * tenant's writes wait (the kernel's write gate).
 */
@Injectable()
export class MaintenanceService {
  constructor(
    private readonly windows: MaintenanceWindowsStore,
    private readonly audit: OperationsAudit,
    private readonly producer: JobProducer,
    @Inject(RULES_CONTROL) private readonly rules: RulesControl,
  ) {}

  /** Current and coming windows, soonest first: every tenant's, or one tenant's. */
  async list(tenant?: string, now: Date = new Date()): Promise<{ windows: MaintenanceWindow[] }> {
    if (tenant !== undefined) this.knownTenant(tenant);
    return { windows: await this.windows.list(now, tenant) };
  }

  async start(actor: AdminRequestContext, tenant: string, body: Partial<Record<keyof MaintenanceWindowRule, unknown>>, now: Date = new Date()): Promise<MaintenanceWindow> {
    return this.audit.record(actor, 'maintenance.start', `tenant:${tenant}`, async () => {
      this.knownTenant(tenant);
      const problems = maintenanceWindowProblems(body ?? {});
      if (problems.length > 0) throw new BadRequestException(problems.join('; '));
      if (Date.parse(body.until as string) <= now.getTime()) throw new BadRequestException('until: must be in the future');
      const { from, until, reason } = body as MaintenanceWindowRule;
      return this.windows.add(tenant, { from, until, reason }, actor.principal.name, now);
    });
  }

  async end(actor: AdminRequestContext, tenant: string, id: string, now: Date = new Date()): Promise<MaintenanceWindow> {
    return this.audit.record(actor, 'maintenance.end', `tenant:${tenant}/${id}`, async () => {
      this.knownTenant(tenant);
      if (!WINDOW_ID.test(id)) throw new BadRequestException('id must be a maintenance window id');
      const ended = await this.windows.end(tenant, id, now);
      if (!ended) throw new NotFoundException(`tenant ${tenant} has no current or coming maintenance window ${id}`);
      // The writes that waited for it go now, not at the end it was given: every delayed job of
      // the flows looks again (one still held by another window or breaker waits again at once).
      for (const queue of WRITING_QUEUES) await this.producer.queue(queue).promoteJobs();
      return ended;
    });
  }

  private knownTenant(tenant: string): void {
    if (!this.rules.status().tenants.includes(tenant)) throw new NotFoundException(`no planning tenant '${tenant}' in the rules in force`);
  }
}
