import type { INestApplication } from '@nestjs/common';
import { createCaseSystemSimulator } from '@brygga/sim-case-system';
import { createPlanningToolSimulator } from '@brygga/sim-planning-tool';
import { createSchedulingSystemSimulator } from '@brygga/sim-scheduling-system';
import { listenLocal } from '@brygga/testing';

/** The documented demo tokens the simulators and the middleware default to (refused in production, fine on 127.0.0.1). */
export const DEMO_TOKENS = {
  caseInbound: 'case-push-demo-token',
  caseFeed: 'case-feed-demo-token',
  scheduleInbound: 'schedule-push-demo-token',
  scheduleApi: 'schedule-api-demo-token',
  kommunen: 'kommunen-token',
  omsorgshuset: 'omsorgshuset-token',
  viewer: 'viewer-demo-token',
  operator: 'operator-demo-token',
  admin: 'admin-demo-token',
};

export interface SimulatorUrls {
  caseSystem: string;
  planningTool: string;
  schedulingSystem: string;
}

export interface LocalSimulators extends SimulatorUrls {
  close(): Promise<void>;
}

/** The three simulators in this process, each on a free port of 127.0.0.1, accepting the demo tokens. */
export async function startLocalSimulators(): Promise<LocalSimulators> {
  const sims: INestApplication[] = [
    await createCaseSystemSimulator({ feedToken: DEMO_TOKENS.caseFeed, logger: false }),
    await createPlanningToolSimulator({ tenants: { kommunen: DEMO_TOKENS.kommunen, omsorgshuset: DEMO_TOKENS.omsorgshuset }, logger: false }),
    await createSchedulingSystemSimulator({ apiToken: DEMO_TOKENS.scheduleApi, logger: false }),
  ];
  const [caseSystem, planningTool, schedulingSystem] = await Promise.all(sims.map(listenLocal));
  return {
    caseSystem,
    planningTool,
    schedulingSystem,
    async close() {
      await Promise.all(sims.map((s) => s.close()));
    },
  };
}

/**
 * What a middleware needs to reach the simulators: their URLs, both planning tenants with
 * their tokens, and no polling (a test or a benchmark turns it on where it wants it).
 */
export function middlewareEnvFor(sims: SimulatorUrls): NodeJS.ProcessEnv {
  return {
    CASE_SYSTEM_URL: sims.caseSystem,
    SCHEDULING_SYSTEM_URL: sims.schedulingSystem,
    CASE_SYSTEM_POLL_SECONDS: '0',
    SCHEDULING_POLL_SECONDS: '0',
    PLANNING_TENANTS: JSON.stringify({
      kommunen: { baseUrl: `${sims.planningTool}/kommunen`, tokenEnv: 'PLANNING_TOKEN_KOMMUNEN' },
      omsorgshuset: { baseUrl: `${sims.planningTool}/omsorgshuset`, tokenEnv: 'PLANNING_TOKEN_OMSORGSHUSET' },
    }),
    // The simulators' own defaults; the middleware has none.
    PLANNING_TOKEN_KOMMUNEN: DEMO_TOKENS.kommunen,
    PLANNING_TOKEN_OMSORGSHUSET: DEMO_TOKENS.omsorgshuset,
  };
}
