import { BadRequestException } from '@nestjs/common';
import { daysInclusive, isIsoDate } from './stockholm-time';

/** The scheduling system exports at most this many days (both ends counted) per document. */
export const MAX_EXPORT_DAYS = 62;

export interface ExportPeriod {
  from: string;
  to: string;
}

/** Checks a requested period the way the real API does; 400 with the reason otherwise. */
export function parseExportPeriod(from: unknown, to: unknown): ExportPeriod {
  if (!isIsoDate(from)) throw new BadRequestException('from: required date YYYY-MM-DD');
  if (!isIsoDate(to)) throw new BadRequestException('to: required date YYYY-MM-DD');
  if (to < from) throw new BadRequestException('to: before from');
  if (daysInclusive(from, to) > MAX_EXPORT_DAYS) throw new BadRequestException(`period: more than ${MAX_EXPORT_DAYS} days`);
  return { from, to };
}
