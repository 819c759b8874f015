import type { INestApplication } from '@nestjs/common';
import { validateEnv } from '@brygga/config';
import { createCaseSystemSimulator } from '@brygga/sim-case-system';
import { createPlanningToolSimulator } from '@brygga/sim-planning-tool';
import { createSchedulingSystemSimulator, schedulingSystemSimOptionsFromEnv } from '@brygga/sim-scheduling-system';
import { SimulatorsEnv } from './simulators.env';

export type SimulatorName = 'case-system' | 'planning-tool' | 'scheduling-system';

export interface RunningSimulator {
  name: SimulatorName;
  app: INestApplication;
  url: string;
}

type Factory = (env: SimulatorsEnv, logger: false | undefined, raw: NodeJS.ProcessEnv) => Promise<INestApplication>;

const FACTORIES: Record<SimulatorName, { port: (env: SimulatorsEnv) => number; create: Factory }> = {
  'case-system': {
    port: (env) => env.CASE_SYSTEM_SIM_PORT,
    create: (env, logger) => createCaseSystemSimulator({ feedToken: env.CASE_SYSTEM_TOKEN, logger }),
  },
  'planning-tool': {
    port: (env) => env.PLANNING_TOOL_SIM_PORT,
    create: (env, logger) =>
      createPlanningToolSimulator({
        tenants: { kommunen: env.PLANNING_TOKEN_KOMMUNEN, omsorgshuset: env.PLANNING_TOKEN_OMSORGSHUSET },
        logger,
      }),
  },
  'scheduling-system': {
    port: (env) => env.SCHEDULING_SYSTEM_SIM_PORT,
    // SCHEDULING_SYSTEM_SEED / _DAYS (rosters generated at start) are read by the simulator's own options.
    create: (env, logger, raw) => createSchedulingSystemSimulator({ ...schedulingSystemSimOptionsFromEnv(raw), apiToken: env.SCHEDULING_SYSTEM_TOKEN, logger }),
  },
};

/** Starts the chosen simulators (SIMULATORS=all by default), each on its own port. */
export async function startSimulators(processEnv: NodeJS.ProcessEnv = process.env, options: { logger?: false } = {}): Promise<RunningSimulator[]> {
  const env = validateEnv(SimulatorsEnv, processEnv);
  const names = env.SIMULATORS === 'all' ? (Object.keys(FACTORIES) as SimulatorName[]) : (env.SIMULATORS.split(',') as SimulatorName[]);
  const running: RunningSimulator[] = [];
  try {
    for (const name of names) {
      const factory = FACTORIES[name];
      const app = await factory.create(env, options.logger, processEnv);
      app.enableShutdownHooks(['SIGTERM', 'SIGINT']);
      await app.listen(factory.port(env), env.SIM_HOST);
      const address = app.getHttpServer().address() as { port: number };
      running.push({ name, app, url: `http://127.0.0.1:${address.port}` });
    }
  } catch (error) {
    await Promise.all(running.map((r) => r.app.close()));
    throw error;
  }
  return running;
}
