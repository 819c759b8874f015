import type { INestApplication } from '@nestjs/common';
import axios, { type AxiosInstance } from 'axios';
import type { MappingRules } from '@brygga/mapping';
import { PlanningClientsRegistry } from '@brygga/planning-tool';
import { createPlanningToolSimulator } from '@brygga/sim-planning-tool';
import { listenLocal } from '@brygga/testing';

/** The planning-tool simulator on a port of its own, and the real clients configured for its two tenants. */
export interface PlanningSim {
  app: INestApplication;
  /** The simulator's control API (`/_sim/...`). */
  control: AxiosInstance;
  planning: PlanningClientsRegistry;
}

const TOKENS = { kommunen: 'k-token', omsorgshuset: 'o-token' };

export async function startPlanningSim(rules: MappingRules): Promise<PlanningSim> {
  const app = await createPlanningToolSimulator({ tenants: TOKENS, logger: false });
  const base = await listenLocal(app);
  const tenantsJson = JSON.stringify({ kommunen: { baseUrl: `${base}/kommunen`, tokenEnv: 'T_K' }, omsorgshuset: { baseUrl: `${base}/omsorgshuset`, tokenEnv: 'T_O' } });
  const planning = new PlanningClientsRegistry({ T_K: TOKENS.kommunen, T_O: TOKENS.omsorgshuset }, { timeoutMs: 30_000, tenantsJson });
  planning.configure(rules.tenants);
  return { app, control: axios.create({ baseURL: base, validateStatus: () => true }), planning };
}

export const silentLogger = { log: () => undefined, warn: () => undefined, error: () => undefined };
