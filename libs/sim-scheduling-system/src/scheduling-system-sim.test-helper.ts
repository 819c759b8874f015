import type { INestApplication } from '@nestjs/common';
import { createSchedulingSystemSimulator } from './scheduling-system.simulator';
import type { SchedulingSystemSimOptions } from './scheduling-system-sim.options';

export const TEST_TOKEN = 'test-schedule-token';

export interface RunningSim {
  app: INestApplication;
  baseUrl: string;
  /** GET/POST/DELETE against the simulator; `token` defaults to the right one. */
  call(method: string, path: string, init?: { token?: string | null; json?: unknown; xml?: string }): Promise<{ status: number; text: string; contentType: string }>;
  close(): Promise<void>;
}

/** A simulator listening on a free local port, for specs. */
export async function startSim(options: Partial<SchedulingSystemSimOptions> = {}): Promise<RunningSim> {
  const app = await createSchedulingSystemSimulator({ apiToken: TEST_TOKEN, logger: false, ...options });
  await app.listen(0, '127.0.0.1');
  const baseUrl = (await app.getUrl()).replace('[::1]', '127.0.0.1');
  return {
    app,
    baseUrl,
    async call(method, path, init = {}) {
      const headers: Record<string, string> = {};
      const token = init.token === undefined ? TEST_TOKEN : init.token;
      if (token !== null) headers.Authorization = `Bearer ${token}`;
      let body: string | undefined;
      if (init.json !== undefined) {
        headers['Content-Type'] = 'application/json';
        body = JSON.stringify(init.json);
      } else if (init.xml !== undefined) {
        headers['Content-Type'] = 'application/xml; charset=UTF-8';
        body = init.xml;
      }
      const response = await fetch(`${baseUrl}${path}`, { method, headers, body });
      return { status: response.status, text: await response.text(), contentType: response.headers.get('content-type') ?? '' };
    },
    close: () => app.close(),
  };
}
