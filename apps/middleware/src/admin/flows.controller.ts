import { Controller, Get } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { FlowsService } from '@brygga/operations';
import { AdminApiController, AdminRoute } from './admin-route.decorator';

@ApiTags('flows')
@Controller('admin/api/flows')
@AdminApiController()
export class FlowsController {
  constructor(private readonly flows: FlowsService) {}

  @Get()
  @AdminRoute('viewer', "Each flow's counters, and the last successful sync per source (the feed's poll, each unit's roster, each tenant's last accepted write)")
  overview() {
    return this.flows.overview();
  }
}
