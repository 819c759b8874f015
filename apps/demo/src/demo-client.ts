import axios, { AxiosInstance } from 'axios';

export interface DemoUrls {
  middleware: string;
  caseSystem: string;
  planningTool: string;
  schedulingSystem: string;
}

export type Counters = Record<string, number>;

export interface GeneratedMunicipality {
  clients: number;
  assignments: number;
  switches: { withinTenant: number; acrossTenants: number; notServed: number; total: number };
  sekvens: number;
}

export interface MiddlewareStats {
  interventions: Counters;
  schedules?: Counters;
  queues: Record<string, Counters>;
}

/** The HTTP calls the demo makes: simulators' control APIs and the middleware's admin API. */
export class DemoClient {
  private readonly http: AxiosInstance;

  constructor(
    readonly urls: DemoUrls,
    private readonly adminToken: string,
  ) {
    this.http = axios.create({ timeout: 120_000 });
  }

  async waitHealthy(timeoutMs = 60_000): Promise<void> {
    const checks = [`${this.urls.middleware}/health/ready`, `${this.urls.caseSystem}/_sim/stats`, `${this.urls.planningTool}/_sim/kommunen/requests`];
    const deadline = Date.now() + timeoutMs;
    for (const url of checks) {
      for (;;) {
        const ok = await this.http.get(url).then(() => true, () => false);
        if (ok) break;
        if (Date.now() > deadline) throw new Error(`${url} did not answer within ${timeoutMs / 1000} s (see .demo/*.log)`);
        await sleep(300);
      }
    }
  }

  /** `assignments` is `clients` plus one per client generated with a provider switch in progress. */
  async generateMunicipality(clients: number, seed: number): Promise<GeneratedMunicipality> {
    return (await this.http.post(`${this.urls.caseSystem}/_sim/generate`, { clients, seed })).data;
  }

  async generateRosters(seed: number, from: string, days: number): Promise<unknown> {
    return (await this.http.post(`${this.urls.schedulingSystem}/_sim/generate`, { seed, from, days })).data;
  }

  async publishRosters(token: string): Promise<Array<{ unitId: string; revision: number; status: number }>> {
    return (await this.http.post(`${this.urls.schedulingSystem}/_sim/publish`, { url: `${this.urls.middleware}/inbound/scheduling-system`, token })).data.published;
  }

  async churn(changes: number): Promise<Record<string, number>> {
    return (await this.http.post(`${this.urls.caseSystem}/_sim/churn`, { changes })).data;
  }

  /** Each flow's counters and each queue's depths, from the admin API (a viewer token is enough). */
  async stats(): Promise<MiddlewareStats> {
    const headers = { Authorization: `Bearer ${this.adminToken}` };
    const [flows, queues] = await Promise.all([this.http.get(`${this.urls.middleware}/admin/api/flows`, { headers }), this.http.get(`${this.urls.middleware}/admin/api/queues`, { headers })]);
    return { interventions: flows.data.flows.interventions ?? {}, schedules: flows.data.flows.schedules, queues: queues.data.queues };
  }

  async planningCounts(): Promise<Record<string, { customers: number; serviceOrders: number; staff: number; days: number }>> {
    const out: Record<string, { customers: number; serviceOrders: number; staff: number; days: number }> = {};
    for (const tenant of ['kommunen', 'omsorgshuset']) {
      const { data } = await this.http.get(`${this.urls.planningTool}/_sim/${tenant}/state`);
      const customers = data.customers as Array<{ serviceOrders: unknown[] }>;
      const staff = data.staff as Array<{ days: Record<string, unknown> }>;
      out[tenant] = {
        customers: customers.length,
        serviceOrders: customers.reduce((n, c) => n + c.serviceOrders.length, 0),
        staff: staff.length,
        days: staff.reduce((n, s) => n + Object.keys(s.days).length, 0),
      };
    }
    return out;
  }
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

export function busy(stats: MiddlewareStats): number {
  // The scheduler queue always holds the next tick of its repeating jobs as delayed.
  return Object.entries(stats.queues).reduce(
    (n, [name, q]) => n + (q.waiting ?? 0) + (q.active ?? 0) + (name === 'scheduler' ? 0 : (q.delayed ?? 0)) + (q.prioritized ?? 0),
    0,
  );
}
