import { BadRequestException, Body, Controller, Get, HttpCode, Post, Query } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional, ApiResponse, ApiTags } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsOptional, IsString, Length, Matches, ValidateNested } from 'class-validator';
import { AdminContext, type AdminRequestContext } from '@brygga/admin-access';
import { QuarantineService } from '@brygga/operations';
import { AdminApiController, AdminRoute } from './admin-route.decorator';
import { AgeFilterDto, CodeFilter, PageDto } from './list-query.dto';

export class QuarantineQueryDto extends PageDto {
  @ApiPropertyOptional({ description: 'interventions or schedules' })
  @CodeFilter()
  flow?: string;

  @ApiPropertyOptional({ description: 'a reason code (README, "Reason codes")' })
  @CodeFilter()
  reason?: string;
}

export class QuarantineFilterDto extends AgeFilterDto {
  @ApiPropertyOptional()
  @CodeFilter()
  flow?: string;

  @ApiPropertyOptional()
  @CodeFilter()
  reason?: string;
}

/** One entry (`flow` and `id`), or every entry a filter matches (`filter`). */
export class RequeueRequestDto {
  @ApiPropertyOptional()
  @CodeFilter()
  flow?: string;

  @ApiPropertyOptional({ description: "the entry's id from the list" })
  @IsOptional()
  @IsString()
  @Length(1, 64)
  @Matches(/^[A-Za-z0-9._-]+$/, { message: 'id must be a quarantine entry id' })
  id?: string;

  @ApiPropertyOptional({ type: QuarantineFilterDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => QuarantineFilterDto)
  filter?: QuarantineFilterDto;
}

export class RequeueAnswerDto {
  @ApiProperty()
  requeued!: number;

  @ApiPropertyOptional({ description: 'matched a filter but refused at intake: left in quarantine' })
  notRequeueable?: number;
}

@ApiTags('quarantine')
@Controller('admin/api/quarantine')
@AdminApiController()
export class QuarantineController {
  constructor(private readonly quarantine: QuarantineService) {}

  @Get()
  @AdminRoute('viewer', "Every flow's quarantined entries, newest first, filtered and paged, each saying whether it can be requeued")
  list(@Query() query: QuarantineQueryDto) {
    return this.quarantine.list(query);
  }

  @Post('requeue')
  @HttpCode(200)
  @ApiResponse({ status: 200, type: RequeueAnswerDto })
  @ApiResponse({ status: 404, description: 'no such entry' })
  @ApiResponse({ status: 409, description: 'the entry has no stored version (refused at intake)' })
  @AdminRoute('operator', "Requeue one entry, or every one a filter matches: through the flow's normal path again from its stored version")
  requeue(@AdminContext() admin: AdminRequestContext, @Body() body: RequeueRequestDto) {
    if (body.filter !== undefined && (body.flow !== undefined || body.id !== undefined)) throw new BadRequestException('body: either flow and id, or filter');
    if (body.filter !== undefined) return this.quarantine.requeueMatching(admin, body.filter);
    if (body.flow === undefined || body.id === undefined) throw new BadRequestException('body: flow and id (one entry), or filter (every entry it matches)');
    return this.quarantine.requeueOne(admin, body.flow, body.id);
  }
}
