import { Body, Controller, Delete, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiProperty, ApiResponse, ApiTags } from '@nestjs/swagger';
import { IsString, MaxLength } from 'class-validator';
import { AdminContext, type AdminRequestContext } from '@brygga/admin-access';
import { MAINTENANCE_REASON_RULE } from '@brygga/domain';
import { MaintenanceService } from '@brygga/operations';
import { AdminApiController, AdminRoute } from './admin-route.decorator';

/** A window's times and reason; their rules (offset, order, length, the reason's letters) are the service's, the same as the rules file's. */
export class MaintenanceWindowDto {
  @ApiProperty({ example: '2026-12-01T22:00:00+01:00', description: 'ISO 8601 with an offset' })
  @IsString()
  @MaxLength(40)
  from!: string;

  @ApiProperty({ example: '2026-12-02T02:00:00+01:00', description: 'ISO 8601 with an offset; after from, at most 7 days later, in the future' })
  @IsString()
  @MaxLength(40)
  until!: string;

  @ApiProperty({ example: 'TES 4.2 upgrade', description: MAINTENANCE_REASON_RULE })
  @IsString()
  @MaxLength(200)
  reason!: string;
}

@ApiTags('tenants')
@Controller('admin/api/tenants')
@AdminApiController()
export class MaintenanceController {
  constructor(private readonly maintenance: MaintenanceService) {}

  @Get('maintenance')
  @AdminRoute('viewer', "Every tenant's current and coming maintenance windows, soonest first")
  listAll() {
    return this.maintenance.list();
  }

  @Get(':tenant/maintenance')
  @ApiResponse({ status: 404, description: 'no such tenant in the rules in force' })
  @AdminRoute('viewer', "A tenant's current and coming maintenance windows (the rules file's and the API's), soonest first")
  list(@Param('tenant') tenant: string) {
    return this.maintenance.list(tenant);
  }

  @Post(':tenant/maintenance')
  @HttpCode(201)
  @ApiResponse({ status: 404, description: 'no such tenant in the rules in force' })
  @AdminRoute('admin', "Set a maintenance window: the tenant's writes wait (not failed, no attempt spent) until it ends")
  start(@AdminContext() admin: AdminRequestContext, @Param('tenant') tenant: string, @Body() body: MaintenanceWindowDto) {
    return this.maintenance.start(admin, tenant, body);
  }

  @Delete(':tenant/maintenance/:id')
  @HttpCode(200)
  @ApiResponse({ status: 404, description: 'no such tenant, or no current or coming window with that id' })
  @AdminRoute('admin', 'End a maintenance window now (a rules-file window too): the waiting writes go at their next turn')
  end(@AdminContext() admin: AdminRequestContext, @Param('tenant') tenant: string, @Param('id') id: string) {
    return this.maintenance.end(admin, tenant, id);
  }
}
