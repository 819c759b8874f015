import { readFileSync } from 'node:fs';
import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { parse } from 'yaml';
import type { FieldError } from './problem';

const DOC_ID = 'planning-tool.openapi';

/** JSON-pointer escaping of one segment (RFC 6901). */
function escapeSegment(segment: string): string {
  return segment.replace(/~/g, '~0').replace(/\//g, '~1');
}

/** A pointer into the OpenAPI document, e.g. pointer('components', 'schemas', 'Customer'). */
export function pointer(...segments: Array<string | number>): string {
  return '/' + segments.map((s) => escapeSegment(String(s))).join('/');
}

/** `/address/postalCode` -> `address.postalCode`; the root is `body`. */
function dotted(instancePath: string, child?: string): string {
  const parts = instancePath
    .split('/')
    .slice(1)
    .map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'));
  if (child !== undefined) parts.push(child);
  return parts.length === 0 ? 'body' : parts.join('.');
}

/** Ajv's messages name the rule (pattern, enum, format), never the offending value. */
function toFieldError(error: ErrorObject, prefix: string): FieldError {
  const params = error.params as Record<string, unknown>;
  let field: string;
  let message = error.message ?? 'is invalid';
  if (error.keyword === 'required' && typeof params.missingProperty === 'string') {
    field = dotted(error.instancePath, params.missingProperty);
    message = 'is required';
  } else if (error.keyword === 'additionalProperties' && typeof params.additionalProperty === 'string') {
    field = dotted(error.instancePath, params.additionalProperty);
    message = 'is not allowed (unknown property)';
  } else {
    field = dotted(error.instancePath);
  }
  if (prefix) field = field === 'body' ? prefix : `${prefix}.${field}`;
  return { field, message };
}

/**
 * Validates against the contract's own schemas: the whole OpenAPI document is one Ajv
 * schema, so every `#/components/schemas/...` reference resolves inside it and nothing
 * is re-typed here. Compiled validators are cached per pointer.
 */
export class OpenApiValidator {
  private readonly ajv: Ajv;
  private readonly cache = new Map<string, ValidateFunction>();

  constructor(readonly document: Record<string, unknown>) {
    this.ajv = new Ajv({ allErrors: true, strict: false });
    addFormats(this.ajv, ['date', 'date-time']);
    this.ajv.addSchema(document, DOC_ID);
  }

  static fromFile(path: string): OpenApiValidator {
    const document: unknown = parse(readFileSync(path, 'utf8'));
    if (typeof document !== 'object' || document === null || Array.isArray(document)) {
      throw new Error(`${path}: not an OpenAPI document`);
    }
    return new OpenApiValidator(document as Record<string, unknown>);
  }

  /** Errors of `value` against the schema at `schemaPointer`; field names get `prefix` in front. */
  validate(schemaPointer: string, value: unknown, prefix = ''): FieldError[] {
    const validate = this.compiled(schemaPointer);
    if (validate(value)) return [];
    return (validate.errors ?? []).map((e) => toFieldError(e, prefix));
  }

  /** The schema of a named component, e.g. `Customer`. */
  validateComponent(name: string, value: unknown, prefix = ''): FieldError[] {
    return this.validate(pointer('components', 'schemas', name), value, prefix);
  }

  /** Fails at start-up, not on the first request, when the document lacks a pointer. */
  compiled(schemaPointer: string): ValidateFunction {
    let fn = this.cache.get(schemaPointer);
    if (!fn) {
      fn = this.ajv.getSchema(`${DOC_ID}#${schemaPointer}`);
      if (!fn) throw new Error(`the OpenAPI document has no schema at ${schemaPointer}`);
      this.cache.set(schemaPointer, fn);
    }
    return fn;
  }

  /** Follows one local `$ref` (`#/components/...`) inside the document. */
  resolve(node: unknown): unknown {
    if (typeof node !== 'object' || node === null) return node;
    const ref = (node as Record<string, unknown>).$ref;
    if (typeof ref !== 'string' || !ref.startsWith('#/')) return node;
    let current: unknown = this.document;
    for (const raw of ref.slice(2).split('/')) {
      const segment = raw.replace(/~1/g, '/').replace(/~0/g, '~');
      if (typeof current !== 'object' || current === null) return undefined;
      current = (current as Record<string, unknown>)[segment];
    }
    return current;
  }
}
