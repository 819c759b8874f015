import { join } from 'node:path';
import { contractsDir } from '@brygga/config';
import { ContractRoutes } from './contract-routes';
import { OpenApiValidator } from './openapi-validator';

describe('ContractRoutes', () => {
  const validator = OpenApiValidator.fromFile(join(contractsDir(), 'planning-tool/openapi.yaml'));

  it('serves every path and method of the contract, with parameters and bodies from the document', () => {
    const routes = new ContractRoutes(validator);
    const table = Object.fromEntries(routes.routes.map((r) => [r.kind, [...r.operations.keys()].sort()]));
    expect(table).toEqual({
      customer: ['DELETE', 'GET', 'PUT'],
      'service-orders': ['GET'],
      'service-order': ['DELETE', 'PUT'],
      staff: ['GET', 'PUT'],
      'staff-day': ['GET', 'PUT'],
      batch: ['POST'],
      'performed-visits': ['GET'],
    });
    const match = routes.match('/api/v1/customers/C%3A1/service-orders/SO-1');
    expect(match?.route.kind).toBe('service-order');
    expect(match?.params).toEqual({ customerId: 'C:1', serviceOrderId: 'SO-1' });
    const put = match?.route.operations.get('PUT');
    expect(put?.params.map((p) => `${p.in}:${p.name}`).sort()).toEqual(['header:Idempotency-Key', 'path:customerId', 'path:serviceOrderId']);
    expect(put?.bodyPointer).toBe('/paths/~1api~1v1~1customers~1{customerId}~1service-orders~1{serviceOrderId}/put/requestBody/content/application~1json/schema');
    expect(routes.match('/api/v1/customers')).toBeUndefined();
  });

  it('refuses a contract with a path the simulator cannot serve', () => {
    const doc = structuredClone(validator.document) as { paths: Record<string, unknown> };
    doc.paths['/api/v1/invoices'] = { get: { responses: {} } };
    expect(() => new ContractRoutes(new OpenApiValidator(doc))).toThrow('/api/v1/invoices');
  });
});
