import type { INestApplication } from '@nestjs/common';
import type { IncomingHttpHeaders } from 'node:http';
import { aCustomer, listenLocal } from '@brygga/testing';
import { createPlanningToolSimulator } from '@brygga/sim-planning-tool';
import type { KeyedOperation } from './keyed-operation';
import { PlanningToolClient } from './planning-tool.client';

const TOKEN = 'kommunen-test-token';

const putCustomer = (id: string): KeyedOperation => ({ operation: { kind: 'putCustomer', customerId: id, customer: aCustomer() }, idempotencyKey: `key-${id}` });

describe('PlanningToolClient: X-Request-Id (against the simulator, which the contract lets take it)', () => {
  let app: INestApplication;
  let base: string;
  const received: IncomingHttpHeaders[] = [];

  beforeAll(async () => {
    app = await createPlanningToolSimulator({ tenants: { kommunen: TOKEN }, logger: false });
    // Beside the simulator's own handler: every request's headers as they arrived.
    app.getHttpServer().on('request', (req: { headers: IncomingHttpHeaders }) => received.push(req.headers));
    base = await listenLocal(app);
  });
  afterAll(async () => app.close());
  beforeEach(() => received.splice(0));

  it('sends the id of what is running on single requests and on batches, and is accepted', async () => {
    let current: string | undefined = 'push-7';
    const client = new PlanningToolClient({ name: 'kommunen', baseUrl: `${base}/kommunen`, token: TOKEN }, { timeoutMs: 30_000, requestId: () => current });
    await client.send([putCustomer('c1')]);
    await client.send([putCustomer('c2'), putCustomer('c3')]);
    current = undefined;
    await client.send([putCustomer('c4')]);
    expect(received.map((h) => h['x-request-id'])).toEqual(['push-7', 'push-7', undefined]);
  });
});
