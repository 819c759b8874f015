import { Controller, Get } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { TenantsService } from '@brygga/operations';
import { AdminApiController, AdminRoute } from './admin-route.decorator';

@ApiTags('tenants')
@Controller('admin/api/tenants')
@AdminApiController()
export class TenantsController {
  constructor(private readonly tenants: TenantsService) {}

  @Get()
  @AdminRoute('viewer', "Each planning-tool tenant's reachability and error rate over the last minutes, its circuit breaker and its current and coming maintenance windows")
  overview() {
    return this.tenants.overview();
  }
}
