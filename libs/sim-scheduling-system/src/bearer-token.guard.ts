import { CanActivate, ExecutionContext, Inject, Injectable, UnauthorizedException } from '@nestjs/common';
import type { Request } from 'express';
import { bearerTokenMatches } from '@brygga/config';
import { SCHEDULING_SYSTEM_SIM_OPTIONS, SchedulingSystemSimOptions } from './scheduling-system-sim.options';

/** The API's `Authorization: Bearer <token>`; anything else is a 401. */
@Injectable()
export class BearerTokenGuard implements CanActivate {
  constructor(@Inject(SCHEDULING_SYSTEM_SIM_OPTIONS) private readonly options: SchedulingSystemSimOptions) {}

  canActivate(context: ExecutionContext): boolean {
    const header = context.switchToHttp().getRequest<Request>().headers.authorization;
    if (!bearerTokenMatches(header, this.options.apiToken)) throw new UnauthorizedException('missing or wrong bearer token');
    return true;
  }
}
