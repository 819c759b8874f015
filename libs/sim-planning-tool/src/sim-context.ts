import { ContractRoutes } from './contract-routes';
import { OpenApiValidator } from './openapi-validator';
import { PlanningToolStore } from './planning-tool.store';

/** Everything built once from the options, shared by the module's providers. */
export interface SimContext {
  validator: OpenApiValidator;
  routes: ContractRoutes;
  store: PlanningToolStore;
}

export const SIM_CONTEXT = Symbol('PLANNING_TOOL_SIM_CONTEXT');

export function createSimContext(openApiPath: string, tenants: Record<string, string>, idempotencyKeysPerTenant: number): SimContext {
  const validator = OpenApiValidator.fromFile(openApiPath);
  return {
    validator,
    routes: new ContractRoutes(validator),
    store: new PlanningToolStore({ tenants, idempotencyKeysPerTenant }),
  };
}
