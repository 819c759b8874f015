import * as fixtures from '@brygga/testing';
import type { INestApplication } from '@nestjs/common';
import axios, { type AxiosInstance } from 'axios';
import { createPlanningToolSimulator, type PlanningToolSimulatorOptions } from './planning-tool.simulator';

export const TENANTS = { kommunen: 'kommunen-token', omsorgshuset: 'omsorgshuset-token' };

export interface RunningSim {
  app: INestApplication;
  baseUrl: string;
  /** Any request, never throwing on a status. */
  http: AxiosInstance;
  /** Requests to tenant `kommunen` with its token. */
  kommunen: AxiosInstance;
  close(): Promise<void>;
}

/** A simulator listening on a free port, with axios clients that never throw on a status. */
export async function startSim(options: Partial<PlanningToolSimulatorOptions> = {}): Promise<RunningSim> {
  const app = await createPlanningToolSimulator({ tenants: TENANTS, logger: false, ...options });
  const baseUrl = await fixtures.listenLocal(app);
  const common = { validateStatus: () => true, maxBodyLength: Infinity, maxContentLength: Infinity };
  return {
    app,
    baseUrl,
    http: axios.create({ baseURL: baseUrl, ...common }),
    kommunen: axios.create({
      baseURL: `${baseUrl}/kommunen/api/v1`,
      headers: { Authorization: `Bearer ${TENANTS.kommunen}` },
      ...common,
    }),
    close: () => app.close(),
  };
}

/** One simulator for a spec file (call inside `describe`), emptied of state and armed faults before each test. */
export function simPerSpecFile(options: Partial<PlanningToolSimulatorOptions> = {}): RunningSim {
  return fixtures.serverPerSpecFile({
    start: () => startSim(options),
    stop: (sim) => sim.close(),
    reset: async (sim) => {
      await sim.http.delete('/_sim');
      await sim.http.delete('/_sim/faults');
    },
  });
}

/** Fictitious test data, valid by the contract (shared with the planning-tool client's tests). */
export function aCustomer(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return { ...fixtures.aCustomer(), ...overrides };
}

export function aServiceOrder(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return { ...fixtures.aServiceOrder(), ...overrides };
}

export function aStaff(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return { ...fixtures.aStaff(), ...overrides };
}

export function aStaffDay(): Record<string, unknown> {
  return {
    shifts: [
      {
        start: '2026-11-23T07:00:00+01:00',
        end: '2026-11-23T16:00:00+01:00',
        kind: 'DAG',
        breaks: [{ start: '2026-11-23T11:30:00+01:00', end: '2026-11-23T12:00:00+01:00' }],
      },
    ],
    absences: [],
  };
}

/** The field names a 400 Problem lists. */
export function fieldsOf(data: unknown): string[] {
  const errors = (data as { errors?: Array<{ field: string }> }).errors ?? [];
  return errors.map((e) => e.field);
}
