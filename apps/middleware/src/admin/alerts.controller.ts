import { Controller, Get, Query } from '@nestjs/common';
import { ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';
import { AlertsService } from '@brygga/alerts';
import { AdminApiController, AdminRoute } from './admin-route.decorator';

export class AlertsQueryDto {
  @ApiPropertyOptional({ minimum: 1, maximum: 1000, default: 50, description: 'how many of the newest events (raises and clears) to list' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(1000)
  limit?: number;
}

@ApiTags('alerts')
@Controller('admin/api/alerts')
@AdminApiController()
export class AlertsController {
  constructor(private readonly alerts: AlertsService) {}

  @Get()
  @AdminRoute('viewer', 'The alerts active now and the newest events (raised, cleared), with ids and codes only; whether the webhook is set and how many events wait for it')
  overview(@Query() query: AlertsQueryDto) {
    return this.alerts.overview(query.limit);
  }
}
