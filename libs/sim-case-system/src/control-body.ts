import { BadRequestException } from '@nestjs/common';

/** Narrowing for the control endpoints' JSON bodies: errors name the field, never echo values. */
export function asObject(body: unknown): Record<string, unknown> {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) throw new BadRequestException('body must be a JSON object');
  return body as Record<string, unknown>;
}

export function intField(body: Record<string, unknown>, name: string, min: number, max: number, fallback?: number): number {
  const value = body[name] ?? fallback;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    throw new BadRequestException(`${name} must be an integer from ${min} to ${max}`);
  }
  return value;
}

export function stringField(body: Record<string, unknown>, name: string): string {
  const value = body[name];
  if (typeof value !== 'string' || value.length === 0) throw new BadRequestException(`${name} must be a non-empty string`);
  return value;
}
