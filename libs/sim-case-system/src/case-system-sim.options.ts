import { LoggerService } from '@nestjs/common';

export interface CaseSystemSimulatorOptions {
  /** The bearer token Brygga presents to the change feed. */
  feedToken: string;
  /** Uppdragsexport/@kalla: the sending installation. */
  kalla?: string;
  logger?: false | LoggerService;
  /** "Today" for generated history and timestamps; injectable so tests are reproducible. */
  now?: () => Date;
}

export interface ResolvedSimOptions {
  feedToken: string;
  kalla: string;
  now: () => Date;
}

export const CASE_SYSTEM_SIM_OPTIONS = Symbol('CASE_SYSTEM_SIM_OPTIONS');
export const DEMO_CASE_SYSTEM_TOKEN = 'case-feed-demo-token';
export const DEFAULT_KALLA = 'treserva-umea';

export function resolveSimOptions(options: CaseSystemSimulatorOptions): ResolvedSimOptions {
  if (!options.feedToken) throw new Error('case-system simulator: feedToken must not be empty');
  return { feedToken: options.feedToken, kalla: options.kalla ?? DEFAULT_KALLA, now: options.now ?? (() => new Date()) };
}

/** CASE_SYSTEM_TOKEN and CASE_SYSTEM_KALLA, with the demo defaults. */
export function caseSystemSimOptionsFromEnv(env: NodeJS.ProcessEnv = process.env): CaseSystemSimulatorOptions {
  return { feedToken: env.CASE_SYSTEM_TOKEN || DEMO_CASE_SYSTEM_TOKEN, kalla: env.CASE_SYSTEM_KALLA || DEFAULT_KALLA };
}
