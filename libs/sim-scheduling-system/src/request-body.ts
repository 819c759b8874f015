import { BadRequestException } from '@nestjs/common';
import { isIsoDate, isLocalTime } from './stockholm-time';

/** Narrowing helpers for the control API's JSON bodies; errors name the field only. */
export function asObject(body: unknown): Record<string, unknown> {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) throw new BadRequestException('body must be a JSON object');
  return body as Record<string, unknown>;
}

export function requiredString(body: Record<string, unknown>, field: string): string {
  const value = body[field];
  if (typeof value !== 'string' || value.length === 0) throw new BadRequestException(`${field}: required string`);
  return value;
}

export function optionalString(body: Record<string, unknown>, field: string): string | undefined {
  return body[field] === undefined ? undefined : requiredString(body, field);
}

export function requiredDate(body: Record<string, unknown>, field: string): string {
  const value = body[field];
  if (!isIsoDate(value)) throw new BadRequestException(`${field}: required date YYYY-MM-DD`);
  return value;
}

export function optionalDate(body: Record<string, unknown>, field: string): string | undefined {
  return body[field] === undefined ? undefined : requiredDate(body, field);
}

export function requiredTime(body: Record<string, unknown>, field: string): string {
  const value = body[field];
  if (!isLocalTime(value)) throw new BadRequestException(`${field}: required time HH:MM`);
  return value;
}

export function requiredInteger(body: Record<string, unknown>, field: string, min: number, max: number): number {
  const value = body[field];
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    throw new BadRequestException(`${field}: required integer ${min}..${max}`);
  }
  return value;
}

export function requiredUrl(body: Record<string, unknown>, field: string): string {
  const value = requiredString(body, field);
  try {
    const url = new URL(value);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error('scheme');
  } catch {
    throw new BadRequestException(`${field}: required http(s) URL`);
  }
  return value;
}

export function optionalBoolean(body: Record<string, unknown>, field: string): boolean | undefined {
  const value = body[field];
  if (value !== undefined && typeof value !== 'boolean') throw new BadRequestException(`${field}: must be true or false`);
  return value;
}
