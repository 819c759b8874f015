import { Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { MappingRulesHolder } from '@brygga/config';
import type { MappingRules } from '@brygga/mapping';
import { PlanningClientsRegistry, type PlanningRequestObserver } from '@brygga/planning-tool';
import type { MiddlewareConfig } from '../config/middleware.config';
import { tenantTokenPolicy } from '../config/tenant-tokens';

/**
 * The mapping rules in force and the planning-tool clients they name. Loaded at boot,
 * before anything connects (a bad file, or a tenant whose token variable is missing,
 * stops the boot, naming it); reloaded on SIGHUP or a change of the file. New rules take effect
 * only with clients for every tenant they name: otherwise they are refused, and the
 * rules and clients in force stay, together.
 */
@Injectable()
export class RulesService implements OnApplicationShutdown {
  private readonly logger = new Logger('MappingRules');
  private readonly reloadListeners: Array<(outcome: 'accepted' | 'refused', version: string) => void> = [];

  private constructor(
    private readonly holder: MappingRulesHolder,
    readonly planning: PlanningClientsRegistry,
    private inForce: MappingRules,
    private readonly requestObservers: PlanningRequestObserver[],
  ) {}

  static create(config: MiddlewareConfig, env: NodeJS.ProcessEnv): RulesService {
    const holder = new MappingRulesHolder(config.mappingRulesFile, new Logger('MappingRules'));
    // The clients exist before Nest builds what observes them (metrics, tenant health): they tell whoever registered since.
    const requestObservers: PlanningRequestObserver[] = [];
    const observe: PlanningRequestObserver = (sample) => requestObservers.forEach((o) => o(sample));
    const planning = new PlanningClientsRegistry(env, { ...config.planning, rulesFile: config.mappingRulesFile, refuseToken: tenantTokenPolicy(config.env.NODE_ENV), observe });
    const rules = holder.start(config.env.NODE_ENV !== 'test');
    try {
      planning.configure(rules.tenants);
    } catch (error) {
      // A watcher left running would keep a process that cannot start alive.
      holder.stop();
      throw error;
    }
    const service = new RulesService(holder, planning, rules, requestObservers);
    // New rules may name other tenants: the clients follow a reload, once, not every job's read.
    holder.onChange((next) => service.reconfigure(next));
    return service;
  }

  current(): MappingRules {
    return this.inForce;
  }

  /** Told of every reload: taken into force, or refused (the rules in force stay). */
  onReload(listener: (outcome: 'accepted' | 'refused', version: string) => void): void {
    this.reloadListeners.push(listener);
  }

  /** Told of every request any tenant's planning client makes (see PlanningClientOptions.observe). */
  onPlanningRequest(observer: PlanningRequestObserver): void {
    this.requestObservers.push(observer);
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
    for (const listener of this.reloadListeners) listener('accepted', next.version);
  }

  onApplicationShutdown(): void {
    this.holder.stop();
  }
}
