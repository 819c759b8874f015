import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { loadMappingRules, MappingRulesHolder, parseMappingRules } from '@brygga/config';
import type { MappingRules } from '@brygga/mapping';
import type { RulesControl, RulesReload, RulesStatus } from '@brygga/operations';
import type { TenantGate, TenantPass } from '@brygga/domain';
import { PlanningClientsRegistry, type PlanningRequestObserver } from '@brygga/planning-tool';
import { currentRequestId } from '@brygga/queue';
import type { MiddlewareConfig } from '../config/middleware.config';
import { tenantTokenPolicy } from '../config/tenant-tokens';
import { planningRequestLog } from '../logging/planning-request.log';

/**
 * The mapping rules in force and the planning-tool clients they name. Loaded at boot,
 * before anything connects (a bad file, or a tenant whose token variable is missing,
 * stops the boot, naming it); reloaded on SIGHUP or a change of the file. New rules take effect
 * only with clients for every tenant they name: otherwise they are refused, and the
 * rules and clients in force stay, together.
 */
@Injectable()
export class RulesService implements OnApplicationShutdown, RulesControl {
  private readonly logger = new Logger('MappingRules');
  private readonly reloadListeners: Array<(outcome: 'accepted' | 'refused', version: string) => void> = [];

  private loadedAt = new Date();

  private constructor(
    private readonly holder: MappingRulesHolder,
    readonly planning: PlanningClientsRegistry,
    private inForce: MappingRules,
    private readonly requestObservers: PlanningRequestObserver[],
    private readonly source: string,
    private readonly gates: TenantGate[],
  ) {}

  static create(config: MiddlewareConfig, env: NodeJS.ProcessEnv): RulesService {
    const holder = new MappingRulesHolder(config.mappingRulesFile, new Logger('MappingRules'));
    // The clients exist before Nest builds what observes them (metrics, tenant health): they tell whoever registered since.
    const requestObservers: PlanningRequestObserver[] = [planningRequestLog(new Logger('PlanningTool'))];
    const observe: PlanningRequestObserver = (sample) => requestObservers.forEach((o) => o(sample));
    // Likewise the gate (maintenance windows, breakers): asked through whichever was installed since (useTenantGate).
    const gates: TenantGate[] = [];
    const gate: TenantGate = { admit: async (tenant) => (gates.length > 0 ? gates[0].admit(tenant) : UNGATED) };
    const planning = new PlanningClientsRegistry(env, { ...config.planning, rulesFile: config.mappingRulesFile, refuseToken: tenantTokenPolicy(config.env.NODE_ENV), observe, requestId: currentRequestId, gate });
    const rules = holder.start(config.env.NODE_ENV !== 'test');
    try {
      planning.configure(rules.tenants);
    } catch (error) {
      // A watcher left running would keep a process that cannot start alive.
      holder.stop();
      throw error;
    }
    const service = new RulesService(holder, planning, rules, requestObservers, config.mappingRulesFile, gates);
    // New rules may name other tenants: the clients follow a reload, once, not every job's read.
    holder.onChange((next) => service.reconfigure(next));
    return service;
  }

  current(): MappingRules {
    return this.inForce;
  }

  status(): RulesStatus {
    return { version: this.inForce.version, loadedAt: this.loadedAt.toISOString(), source: this.source, tenants: Object.keys(this.inForce.tenants).sort() };
  }

  /**
   * Reads the file again now (the admin API's reload). The file is checked first, so that
   * a refusal says why; then the holder takes it as it would on SIGHUP, and the planning
   * clients follow (or refuse it, and the rules in force stay).
   */
  reload(trigger: string): RulesReload {
    let next: MappingRules;
    try {
      next = loadMappingRules(this.source);
    } catch (error) {
      return { outcome: 'refused', problem: (error as Error).message, status: this.status() };
    }
    if (next.version === this.inForce.version) return { outcome: 'unchanged', status: this.status() };
    this.holder.reload(trigger);
    const accepted = this.inForce.version === next.version;
    return { outcome: accepted ? 'accepted' : 'refused', ...(!accepted && { problem: `rules ${next.version} name a tenant without a usable planning client (see the log)` }), status: this.status() };
  }

  fileText(): string {
    return readFileSync(this.source, 'utf8');
  }

  /**
   * The admin API's apply: the text is checked as the file would be, written beside the
   * file and renamed over it (a reader never sees half a file), then taken as a reload
   * takes it. Refused by the planning clients: the file is put back as it was.
   */
  replace(text: string, trigger: string): RulesReload {
    const next = parseMappingRules(text, this.source);
    if (next.version === this.inForce.version) return { outcome: 'unchanged', status: this.status() };
    const before = this.fileText();
    writeWhole(this.source, text);
    const outcome = this.reload(trigger);
    if (outcome.outcome !== 'accepted') writeWhole(this.source, before);
    return outcome;
  }

  /** Told of every reload: taken into force, or refused (the rules in force stay). */
  onReload(listener: (outcome: 'accepted' | 'refused', version: string) => void): void {
    this.reloadListeners.push(listener);
  }

  /** Told of every request any tenant's planning client makes (see PlanningClientOptions.observe). */
  onPlanningRequest(observer: PlanningRequestObserver): void {
    this.requestObservers.push(observer);
  }

  /** Asked before every send of any tenant's planning client (see PlanningClientOptions.gate); replaces the one before. */
  useTenantGate(gate: TenantGate): void {
    this.gates.splice(0, this.gates.length, gate);
  }

  private reconfigure(next: MappingRules): void {
    try {
      this.planning.configure(next.tenants);
    } catch (error) {
      this.logger.error(`REFUSED mapping rules ${next.version}: ${(error as Error).message}; rules ${this.inForce.version} and their planning clients stay in force`);
      for (const listener of this.reloadListeners) listener('refused', next.version);
      return;
    }
    this.inForce = next;
    this.loadedAt = new Date();
    for (const listener of this.reloadListeners) listener('accepted', next.version);
  }

  onApplicationShutdown(): void {
    this.holder.stop();
  }
}

function writeWhole(path: string, text: string): void {
  const temporary = `${path}.${process.pid}.tmp`;
  writeFileSync(temporary, text, 'utf8');
  renameSync(temporary, path);
}

/** Before a gate is installed (only while the process boots, before any worker runs): every send admitted. */
const UNGATED: TenantPass = { settle: async () => undefined };
