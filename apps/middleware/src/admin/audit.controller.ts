import { Controller, Get, Query } from '@nestjs/common';
import { ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Max, Min } from 'class-validator';
import { AuditTrailService } from '@brygga/operations';
import { AdminApiController, AdminRoute } from './admin-route.decorator';

export class AuditQueryDto {
  @ApiPropertyOptional({ minimum: 1, maximum: 1000, default: 50 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(1000)
  limit?: number;

  @ApiPropertyOptional({ description: 'only entries older than this entry id (the `next` of the page before)' })
  @IsOptional()
  @IsString()
  before?: string;

  @ApiPropertyOptional({ description: 'an action code: queue.pause, queue.resume, queue.drain, jobs.redrive, jobs.discard, quarantine.requeue, rules.reload, maintenance.start, maintenance.end, timeline.read' })
  @IsOptional()
  @IsString()
  action?: string;

  @ApiPropertyOptional({ description: "a token's configured name" })
  @IsOptional()
  @IsString()
  tokenName?: string;
}

@ApiTags('audit')
@Controller('admin/api/audit')
@AdminApiController()
export class AuditController {
  constructor(private readonly audit: AuditTrailService) {}

  @Get()
  @AdminRoute('viewer', 'The audit log, newest first: who (token name and role) did what to what, how it ended, and the request id')
  list(@Query() query: AuditQueryDto) {
    return this.audit.list(query);
  }
}
