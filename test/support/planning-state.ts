import { normalisePlanning } from '@brygga/mapping';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { contractsDir } from '@brygga/config';
import type { Harness } from './e2e-harness';

type Json = unknown;

/** Per expected/README.md: null, [] and absent are the same; everyNthWeek 1 equals absence. */
export const normalise = normalisePlanning;

interface SimCustomer {
  id: string;
  identityNumber: string;
  serviceOrders: Array<{ id: string; source: { interventionId: string } } & Record<string, Json>>;
  [k: string]: Json;
}

/** The planning simulator's tenant state, keyed like the golden files. */
export async function customersOf(h: Harness, tenant: string): Promise<Record<string, { id: string; customer: Json; serviceOrders: Record<string, Json> }>> {
  const { data } = await h.http.get(`${h.planningTool}/_sim/${tenant}/state`);
  const out: Record<string, { id: string; customer: Json; serviceOrders: Record<string, Json> }> = {};
  for (const c of data.customers as SimCustomer[]) {
    const { id, serviceOrders, ...customer } = c;
    out[c.identityNumber] = {
      id,
      customer,
      serviceOrders: Object.fromEntries(serviceOrders.map(({ id: _id, ...order }) => [order.source.interventionId, order])),
    };
  }
  return out;
}

export function golden(name: string): { tenants: Record<string, { customers?: Record<string, Json>; staff?: Record<string, Json> }>; quarantined: Json[] } {
  return JSON.parse(readFileSync(join(contractsDir(), 'expected', name), 'utf8'));
}

/** The tenant's customers as the golden files write them (ids left out). */
export async function goldenView(h: Harness, tenant: string): Promise<Json> {
  const customers = await customersOf(h, tenant);
  return normalise(Object.fromEntries(Object.entries(customers).map(([k, v]) => [k, { customer: v.customer, serviceOrders: v.serviceOrders }])));
}

export function example(name: string): Buffer {
  return readFileSync(join(contractsDir(), 'case-system', 'examples', name));
}

/** Where two JSON values differ, as paths (never values): for a timeout's message. */
export function differingPaths(expected: unknown, actual: unknown, path = '', out: string[] = []): string[] {
  if (out.length >= 12) return out;
  const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;
  if (isObject(expected) && isObject(actual)) {
    for (const key of new Set([...Object.keys(expected), ...Object.keys(actual)])) {
      if (!(key in actual)) out.push(`${path}/${key} missing`);
      else if (!(key in expected)) out.push(`${path}/${key} extra`);
      else differingPaths(expected[key], actual[key], `${path}/${key}`, out);
    }
  } else if (JSON.stringify(expected) !== JSON.stringify(actual)) out.push(`${path} differs`);
  return out;
}
