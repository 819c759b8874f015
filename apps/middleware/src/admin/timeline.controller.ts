import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength } from 'class-validator';
import { AdminContext, type AdminRequestContext } from '@brygga/admin-access';
import { type Timeline, TimelineService } from '@brygga/journal';
import { AdminApiController, AdminRoute } from './admin-route.decorator';

/** Whose timeline, in the body (never in a URL, which access logs keep). The format is checked by the service, so a bad one is audited too. */
export class TimelineQueryDto {
  @ApiPropertyOptional({ description: "a client's identity number (personnummer or samordningsnummer), 10 or 12 digits, with or without a hyphen", example: '19380412-5676' })
  @IsOptional()
  @IsString()
  @MaxLength(32)
  identityNumber?: string;

  @ApiPropertyOptional({ description: "an employee's employment number", example: 'E10234' })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  employmentNumber?: string;
}

@ApiTags('journal')
@Controller('admin/api/timeline')
@AdminApiController()
export class TimelineController {
  constructor(private readonly timelines: TimelineService) {}

  @Post()
  @HttpCode(200)
  @AdminRoute(
    'viewer',
    "A person's timeline across both flows, oldest first: documents received, versions stored, applied, skipped or quarantined (and why), each planning write and its answer, failed jobs. Give exactly one of identityNumber, employmentNumber. Every read is audited (timeline.read, the person by hashed key)",
  )
  read(@AdminContext() admin: AdminRequestContext, @Body() query: TimelineQueryDto): Promise<Timeline> {
    return this.timelines.read(admin, query);
  }
}
