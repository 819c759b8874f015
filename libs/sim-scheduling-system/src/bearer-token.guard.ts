import { CanActivate, ExecutionContext, Inject, Injectable, UnauthorizedException } from '@nestjs/common';
import type { Request } from 'express';
import { timingSafeEqual } from 'node:crypto';
import { SCHEDULING_SYSTEM_SIM_OPTIONS, SchedulingSystemSimOptions } from './scheduling-system-sim.options';

/** The API's `Authorization: Bearer <token>`; anything else is a 401. */
@Injectable()
export class BearerTokenGuard implements CanActivate {
  constructor(@Inject(SCHEDULING_SYSTEM_SIM_OPTIONS) private readonly options: SchedulingSystemSimOptions) {}

  canActivate(context: ExecutionContext): boolean {
    const header = context.switchToHttp().getRequest<Request>().headers.authorization ?? '';
    const match = /^Bearer (.+)$/.exec(header);
    if (!match || !sameSecret(match[1], this.options.apiToken)) throw new UnauthorizedException('missing or wrong bearer token');
    return true;
  }
}

function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}
