import { Controller, Get, HttpCode, Post } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { AdminContext, type AdminRequestContext } from '@brygga/admin-access';
import { RulesOperationsService } from '@brygga/operations';
import { AdminApiController, AdminRoute } from './admin-route.decorator';

@ApiTags('rules')
@Controller('admin/api/rules')
@AdminApiController()
export class RulesController {
  constructor(private readonly rules: RulesOperationsService) {}

  @Get()
  @AdminRoute('viewer', 'The mapping rules in force: version, load time, source, tenants')
  status() {
    return this.rules.status();
  }

  @Post('reload')
  @HttpCode(200)
  @AdminRoute('admin', "Read the rules file again in this process: accepted, unchanged, or refused (the rules in force stay); answers 200 with the outcome")
  reload(@AdminContext() admin: AdminRequestContext) {
    return this.rules.reload(admin);
  }
}
