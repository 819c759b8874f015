import { Type } from 'class-transformer';
import { IsInt, IsString, Matches, Max, Min } from 'class-validator';
import { DemoDefault } from '@brygga/config';

/** The simulators' env: which to run, their ports, and the demo tokens they accept. */
export class SimulatorsEnv {
  @Matches(/^(all|((case-system|planning-tool|scheduling-system)(,(case-system|planning-tool|scheduling-system))*))$/, {
    message: 'SIMULATORS must be all, or a comma-separated list of case-system, planning-tool, scheduling-system',
  })
  SIMULATORS = 'all';

  /** Interface to listen on: 127.0.0.1 on a workstation, 0.0.0.0 in a container. */
  @Matches(/^[0-9a-fA-F.:]+$|^localhost$/, { message: 'SIM_HOST must be an IP address or localhost' })
  SIM_HOST = '127.0.0.1';

  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(65535)
  CASE_SYSTEM_SIM_PORT = 4010;

  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(65535)
  PLANNING_TOOL_SIM_PORT = 4020;

  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(65535)
  SCHEDULING_SYSTEM_SIM_PORT = 4030;

  @IsString()
  @DemoDefault('case-feed-demo-token')
  CASE_SYSTEM_TOKEN!: string;

  @IsString()
  @DemoDefault('schedule-api-demo-token')
  SCHEDULING_SYSTEM_TOKEN!: string;

  @IsString()
  @DemoDefault('kommunen-token')
  PLANNING_TOKEN_KOMMUNEN!: string;

  @IsString()
  @DemoDefault('omsorgshuset-token')
  PLANNING_TOKEN_OMSORGSHUSET!: string;
}
