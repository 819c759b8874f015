import { Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { MappingRulesHolder } from '@brygga/config';
import type { MappingRules } from '@brygga/mapping';
import { PlanningClientsRegistry } from '@brygga/planning-tool';
import { MIDDLEWARE_CONFIG, MiddlewareConfig } from '../config/middleware.config';

/**
 * The mapping rules in force and the planning-tool clients they name. Loaded when the
 * module is built (a bad file stops the boot, naming file, rule and problem); reloaded
 * on SIGHUP or a change of the file, refused loudly when the new file is bad.
 */
@Injectable()
export class RulesService implements OnApplicationShutdown {
  private readonly logger = new Logger('MappingRules');
  private constructor(
    private readonly holder: MappingRulesHolder,
    readonly planning: PlanningClientsRegistry,
  ) {}

  static create(config: MiddlewareConfig, env: NodeJS.ProcessEnv): RulesService {
    const logger = new Logger('MappingRules');
    const holder = new MappingRulesHolder(config.mappingRulesFile, logger);
    const planning = new PlanningClientsRegistry(env, config.planning);
    const service = new RulesService(holder, planning);
    planning.configure(holder.start(config.env.NODE_ENV !== 'test').tenants);
    // New rules may name other tenants: the clients follow a reload, once, not every job's read.
    holder.onChange((rules) => service.reconfigure(rules));
    return service;
  }

  current(): MappingRules {
    return this.holder.current();
  }

  private reconfigure(rules: MappingRules): void {
    try {
      this.planning.configure(rules.tenants);
    } catch (error) {
      this.logger.error(`planning tenants of rules ${rules.version} not usable; the previous clients stay: ${(error as Error).message}`);
    }
  }

  onApplicationShutdown(): void {
    this.holder.stop();
  }
}

export const PROCESS_ENV = Symbol('PROCESS_ENV');

export const rulesServiceProvider = {
  provide: RulesService,
  inject: [MIDDLEWARE_CONFIG, PROCESS_ENV],
  useFactory: (config: MiddlewareConfig, env: NodeJS.ProcessEnv) => RulesService.create(config, env),
};

