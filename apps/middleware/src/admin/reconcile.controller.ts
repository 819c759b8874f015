import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiPropertyOptional, ApiResponse, ApiTags } from '@nestjs/swagger';
import { IsArray, IsIn, IsOptional } from 'class-validator';
import { AdminContext, type AdminRequestContext } from '@brygga/admin-access';
import { ReconcileService } from '@brygga/operations';
import { AdminApiController, AdminRoute } from './admin-route.decorator';

export class ReconcileStartDto {
  @ApiPropertyOptional({ enum: ['interventions', 'schedules', 'all'], description: 'which flows to check (default all)' })
  @IsOptional()
  @IsIn(['interventions', 'schedules', 'all'])
  scope?: 'interventions' | 'schedules' | 'all';
}

export class ReconcileRepairDto {
  @ApiPropertyOptional({ type: 'array', items: { type: 'object' }, description: "some of the run's drift items, as the run lists them (default: all)" })
  @IsOptional()
  @IsArray()
  items?: object[];
}

/** Reconciliation: the planning tool read back and compared with what Brygga would send now; its drift repaired on request. */
@ApiTags('reconcile')
@Controller('admin/api/reconcile')
@AdminApiController()
export class ReconcileController {
  constructor(private readonly reconcile: ReconcileService) {}

  @Post()
  @HttpCode(202)
  @ApiResponse({ status: 202, description: '{runId}: the run runs as a job' })
  @AdminRoute('operator', 'Start a reconciliation run over the interventions, the schedules or both (reads the planning tool at RECONCILE_MAX_RPS per tenant; sends nothing)')
  start(@AdminContext() admin: AdminRequestContext, @Body() body: ReconcileStartDto) {
    return this.reconcile.start(admin, body.scope ?? 'all');
  }

  @Get()
  @AdminRoute('viewer', 'Recent reconciliation runs, newest first: status, counts by kind, how many items')
  list() {
    return this.reconcile.recent();
  }

  @Get(':runId')
  @ApiResponse({ status: 404, description: 'no such run (runs are kept a week)' })
  @AdminRoute('viewer', "A run's status, counts by kind and drift items (ids and field names, never values), and its repairs")
  run(@Param('runId') runId: string) {
    return this.reconcile.get(runId);
  }

  @Post(':runId/repair')
  @HttpCode(202)
  @ApiResponse({ status: 202, description: '{runId, attempt, items}: the repair runs as a job; its outcome is in the run' })
  @ApiResponse({ status: 404, description: 'no such run' })
  @AdminRoute('operator', "Re-send exactly the run's drifted items (all, or those given) through the flows' normal path; never deletes a customer")
  repair(@AdminContext() admin: AdminRequestContext, @Param('runId') runId: string, @Body() body: ReconcileRepairDto) {
    return this.reconcile.repair(admin, runId, body.items);
  }
}
