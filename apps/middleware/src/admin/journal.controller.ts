import { Controller, Get, Query } from '@nestjs/common';
import { ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { JournalQueryService } from '@brygga/journal';
import { AdminApiController, AdminRoute } from './admin-route.decorator';

/** One business key (the service checks there is exactly one, naming them) and paging. */
export class JournalQueryDto {
  @ApiPropertyOptional({ description: 'an assignment id (uppdrag)' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  assignmentId?: string;

  @ApiPropertyOptional({ description: 'a decision id (beslut)' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  decisionId?: string;

  @ApiPropertyOptional({ description: 'a stored document id' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  documentId?: string;

  @ApiPropertyOptional({ description: "a unit's id (a roster's unit)" })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  unitId?: string;

  @ApiPropertyOptional({ description: 'a request id (X-Request-Id, a job\'s rid)' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  requestId?: string;

  @ApiPropertyOptional({ description: 'the `next` of the page before' })
  @IsOptional()
  @IsString()
  @MaxLength(40)
  cursor?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: 200, default: 50 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(200)
  limit?: number;
}

@ApiTags('journal')
@Controller('admin/api/journal')
@AdminApiController()
export class JournalController {
  constructor(private readonly journal: JournalQueryService) {}

  @Get()
  @AdminRoute('viewer', 'The journal by exactly one business key (assignmentId, decisionId, documentId, unitId or requestId), oldest first, a page at a time')
  page(@Query() query: JournalQueryDto) {
    return this.journal.page(query);
  }
}
