import type { FieldError } from './problem';
import { OpenApiValidator, pointer } from './openapi-validator';

/** The resources the simulator serves, by the contract's path template. */
export type ResourceKind = 'customer' | 'service-orders' | 'service-order' | 'staff' | 'staff-day' | 'batch' | 'performed-visits';

const KIND_BY_TEMPLATE: Record<string, ResourceKind> = {
  '/api/v1/customers/{customerId}': 'customer',
  '/api/v1/customers/{customerId}/service-orders': 'service-orders',
  '/api/v1/customers/{customerId}/service-orders/{serviceOrderId}': 'service-order',
  '/api/v1/staff/{staffId}': 'staff',
  '/api/v1/staff/{staffId}/days/{date}': 'staff-day',
  '/api/v1/batch': 'batch',
  '/api/v1/performed-visits': 'performed-visits',
};

const METHODS = ['get', 'put', 'post', 'delete', 'patch'] as const;

interface ParamSpec {
  name: string;
  in: 'path' | 'query' | 'header';
  required: boolean;
  schemaPointer: string;
  numeric: boolean;
}

export interface OperationSpec {
  params: ParamSpec[];
  /** Pointer to the JSON request body's schema, where the operation takes one. */
  bodyPointer?: string;
}

export interface ContractRoute {
  template: string;
  kind: ResourceKind;
  operations: Map<string, OperationSpec>;
  regex: RegExp;
  paramNames: string[];
}

export interface RouteMatch {
  route: ContractRoute;
  /** Decoded path parameters; a segment that is not valid percent-encoding stays raw and fails its pattern. */
  params: Record<string, string>;
}

export interface RequestParts {
  path: Record<string, string>;
  query: Record<string, unknown>;
  header: Record<string, string | string[] | undefined>;
}

function asRecord(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {};
}

/**
 * The contract's paths, compiled into a router: the templates, methods, parameters and
 * body schemas all come from the OpenAPI document, so the simulator serves what the
 * contract says and nothing else.
 */
export class ContractRoutes {
  readonly routes: ContractRoute[] = [];

  constructor(private readonly validator: OpenApiValidator) {
    const paths = asRecord(validator.document.paths);
    for (const [template, rawItem] of Object.entries(paths)) {
      const kind = KIND_BY_TEMPLATE[template];
      if (!kind) throw new Error(`the simulator does not know the contract path ${template}`);
      const item = asRecord(rawItem);
      const shared = this.paramSpecs(item.parameters, ['paths', template, 'parameters']);
      const operations = new Map<string, OperationSpec>();
      for (const method of METHODS) {
        if (!item[method]) continue;
        const op = asRecord(item[method]);
        const own = this.paramSpecs(op.parameters, ['paths', template, method, 'parameters']);
        const content = asRecord(asRecord(asRecord(op.requestBody).content)['application/json']);
        const spec: OperationSpec = { params: [...shared, ...own] };
        if (content.schema) spec.bodyPointer = pointer('paths', template, method, 'requestBody', 'content', 'application/json', 'schema');
        operations.set(method.toUpperCase(), spec);
      }
      const paramNames: string[] = [];
      const source = template.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\{([^}]+)\}/g, (_m, name: string) => {
        paramNames.push(name);
        return '([^/]+)';
      });
      this.routes.push({ template, kind, operations, regex: new RegExp(`^${source}$`), paramNames });
    }
    for (const route of this.routes) {
      for (const op of route.operations.values()) {
        for (const p of op.params) validator.compiled(p.schemaPointer);
        if (op.bodyPointer) validator.compiled(op.bodyPointer);
      }
    }
  }

  /** The route of a tenant-relative path such as `/api/v1/customers/C-1`, or undefined. */
  match(path: string): RouteMatch | undefined {
    for (const route of this.routes) {
      const m = route.regex.exec(path);
      if (!m) continue;
      const params: Record<string, string> = {};
      for (let i = 0; i < route.paramNames.length; i++) {
        try {
          params[route.paramNames[i]] = decodeURIComponent(m[i + 1]);
        } catch {
          params[route.paramNames[i]] = m[i + 1];
        }
      }
      return { route, params };
    }
    return undefined;
  }

  /** Every declared parameter checked against its schema; field = the parameter's name. */
  validateParams(op: OperationSpec, parts: RequestParts): FieldError[] {
    const errors: FieldError[] = [];
    for (const p of op.params) {
      let value: unknown =
        p.in === 'path' ? parts.path[p.name] : p.in === 'query' ? parts.query[p.name] : parts.header[p.name.toLowerCase()];
      if (value === undefined) {
        if (p.required) errors.push({ field: p.name, message: 'is required' });
        continue;
      }
      if (Array.isArray(value)) {
        errors.push({ field: p.name, message: 'must be given once' });
        continue;
      }
      if (p.numeric && typeof value === 'string' && /^-?\d+(\.\d+)?$/.test(value)) value = Number(value);
      for (const e of this.validator.validate(p.schemaPointer, value)) errors.push({ field: p.name, message: e.message });
    }
    return errors;
  }

  private paramSpecs(raw: unknown, at: Array<string | number>): ParamSpec[] {
    if (!Array.isArray(raw)) return [];
    return raw.map((entry, index) => {
      const ref = asRecord(entry).$ref;
      const base = typeof ref === 'string' ? ref.slice(1) : pointer(...at, index);
      const param = asRecord(this.validator.resolve(entry));
      const schema = asRecord(this.validator.resolve(param.schema));
      const location = param.in;
      if (location !== 'path' && location !== 'query' && location !== 'header') {
        throw new Error(`unsupported parameter location ${String(location)} at ${base}`);
      }
      return {
        name: String(param.name),
        in: location,
        required: param.required === true,
        schemaPointer: `${base}/schema`,
        numeric: schema.type === 'integer' || schema.type === 'number',
      };
    });
  }
}
