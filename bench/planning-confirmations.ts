import type { AxiosInstance } from 'axios';

export interface Confirmations {
  customers: number;
  serviceOrders: number;
  /** Customer id -> epoch ms of its last accepted write (the simulator's clock, this machine's). */
  lastWriteAt: Record<string, number>;
}

/** The tenants the bench's middleware writes to (test/support's middlewareEnvFor). */
const TENANTS = ['kommunen', 'omsorgshuset'];

/** The planning simulator's `GET /_sim/{tenant}/confirmations` (libs/sim-planning-tool). */
export async function confirmations(http: AxiosInstance, planningTool: string, tenant: string, since: number): Promise<Confirmations> {
  const response = await http.get<Confirmations>(`${planningTool}/_sim/${tenant}/confirmations`, { params: { since } });
  if (response.status !== 200) throw new Error(`planning simulator: confirmations of ${tenant} answered ${response.status}`);
  return response.data;
}

/** Customers and service orders the planning simulator holds, over every tenant. */
export async function plannedTotals(http: AxiosInstance, planningTool: string): Promise<{ customers: number; serviceOrders: number }> {
  // `since` now: the counts without the (here unwanted) list of every customer.
  const now = Date.now();
  const all = await Promise.all(TENANTS.map((t) => confirmations(http, planningTool, t, now)));
  return all.reduce((sum, c) => ({ customers: sum.customers + c.customers, serviceOrders: sum.serviceOrders + c.serviceOrders }), { customers: 0, serviceOrders: 0 });
}
