import { Injectable } from '@nestjs/common';
import Ajv from 'ajv';
import type { FieldError } from './problem';

/** A fault armed through `POST /_sim/faults`. */
export interface FaultRule {
  /** Only requests of this tenant; any tenant when absent. */
  tenant?: string;
  /** The status to fail with; absent, the request is only delayed. */
  status?: 429 | 500 | 503;
  /** How many more requests this rule hits. */
  remaining: number;
  retryAfter?: number;
  delayMs?: number;
}

const FAULT_SCHEMA = {
  type: 'object',
  additionalProperties: false,
  required: ['count'],
  properties: {
    tenant: { type: 'string', minLength: 1 },
    status: { type: 'integer', enum: [429, 500, 503] },
    count: { type: 'integer', minimum: 1, maximum: 1000000 },
    retryAfter: { type: 'integer', minimum: 0, maximum: 86400 },
    delayMs: { type: 'integer', minimum: 1, maximum: 300000 },
  },
} as const;

/** Failures and stalls injected into the tenant API, consumed first-armed first. */
@Injectable()
export class FaultsService {
  private rules: FaultRule[] = [];
  private readonly validateBody = new Ajv({ allErrors: true }).compile(FAULT_SCHEMA);

  /** Checks a control-API body and arms it; returns the broken rules instead when invalid. */
  arm(body: unknown, knownTenants: string[]): FieldError[] {
    if (!this.validateBody(body)) {
      return (this.validateBody.errors ?? []).map((e) => {
        const params = e.params as Record<string, unknown>;
        const child = params.missingProperty ?? params.additionalProperty;
        const path = e.instancePath.slice(1).replace(/\//g, '.');
        const field = typeof child === 'string' ? (path ? `${path}.${child}` : child) : path || 'body';
        return { field, message: e.keyword === 'additionalProperties' ? 'is not allowed (unknown property)' : (e.message ?? 'is invalid') };
      });
    }
    const rule = body as { tenant?: string; status?: 429 | 500 | 503; count: number; retryAfter?: number; delayMs?: number };
    const errors: FieldError[] = [];
    if (rule.status === undefined && rule.delayMs === undefined) errors.push({ field: 'status', message: 'is required unless delayMs is given' });
    if (rule.tenant !== undefined && !knownTenants.includes(rule.tenant)) errors.push({ field: 'tenant', message: 'is not a tenant of this simulator' });
    if (rule.retryAfter !== undefined && rule.status === 500) errors.push({ field: 'retryAfter', message: 'only goes with 429 or 503' });
    if (errors.length > 0) return errors;
    this.rules.push({ tenant: rule.tenant, status: rule.status, remaining: rule.count, retryAfter: rule.retryAfter, delayMs: rule.delayMs });
    return [];
  }

  /** The fault that hits this request, if any; counts it as used. */
  take(tenant: string): FaultRule | undefined {
    const rule = this.rules.find((r) => r.remaining > 0 && (r.tenant === undefined || r.tenant === tenant));
    if (!rule) return undefined;
    rule.remaining--;
    this.rules = this.rules.filter((r) => r.remaining > 0);
    return { ...rule };
  }

  pending(): FaultRule[] {
    return this.rules.map((r) => ({ ...r }));
  }

  clear(): void {
    this.rules = [];
  }
}
