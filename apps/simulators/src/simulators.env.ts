import { Matches } from 'class-validator';
import { PortSetting, SecretToken } from '@brygga/config';

/** The simulators' env: which to run, their ports, and the demo tokens they accept. */
export class SimulatorsEnv {
  @Matches(/^(all|((case-system|planning-tool|scheduling-system)(,(case-system|planning-tool|scheduling-system))*))$/, {
    message: 'SIMULATORS must be all, or a comma-separated list of case-system, planning-tool, scheduling-system',
  })
  SIMULATORS = 'all';

  /** Interface to listen on: 127.0.0.1 on a workstation, 0.0.0.0 in a container. */
  @Matches(/^[0-9a-fA-F.:]+$|^localhost$/, { message: 'SIM_HOST must be an IP address or localhost' })
  SIM_HOST = '127.0.0.1';

  @PortSetting()
  CASE_SYSTEM_SIM_PORT = 4010;

  @PortSetting()
  PLANNING_TOOL_SIM_PORT = 4020;

  @PortSetting()
  SCHEDULING_SYSTEM_SIM_PORT = 4030;

  @SecretToken('case-feed-demo-token')
  CASE_SYSTEM_TOKEN!: string;

  @SecretToken('schedule-api-demo-token')
  SCHEDULING_SYSTEM_TOKEN!: string;

  @SecretToken('kommunen-token')
  PLANNING_TOKEN_KOMMUNEN!: string;

  @SecretToken('omsorgshuset-token')
  PLANNING_TOKEN_OMSORGSHUSET!: string;
}
