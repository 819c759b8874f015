import { BadRequestException, Body, Controller, Get, HttpCode, Post, Query } from '@nestjs/common';
import { ApiResponse, ApiTags } from '@nestjs/swagger';
import { AdminContext, type AdminRequestContext } from '@brygga/admin-access';
import { FailedJobsService } from '@brygga/operations';
import { AdminApiController, AdminRoute } from './admin-route.decorator';
import { DiscardRequestDto, FailedJobsQueryDto, RedriveRequestDto } from './failed-jobs.dto';

@ApiTags('failed jobs')
@Controller('admin/api/jobs/failed')
@AdminApiController()
export class FailedJobsController {
  constructor(private readonly failed: FailedJobsService) {}

  @Get()
  @AdminRoute('viewer', 'Failed jobs, newest failure first, filtered and paged (discarded ones only with discarded=true)')
  list(@Query() query: FailedJobsQueryDto) {
    return this.failed.list(query);
  }

  @Post('redrive')
  @HttpCode(200)
  @ApiResponse({ status: 404, description: 'no such failed job' })
  @AdminRoute('operator', 'Redrive one failed job, or every one a filter matches, with fresh attempts')
  redrive(@AdminContext() admin: AdminRequestContext, @Body() body: RedriveRequestDto) {
    if (body.filter !== undefined && (body.queue !== undefined || body.jobId !== undefined)) throw new BadRequestException('body: either queue and jobId, or filter');
    if (body.filter !== undefined) return this.failed.redriveMatching(admin, body.filter);
    if (body.queue === undefined || body.jobId === undefined) throw new BadRequestException('body: queue and jobId (one job), or filter (every job it matches)');
    return this.failed.redriveOne(admin, body.queue, body.jobId);
  }

  @Post('discard')
  @HttpCode(200)
  @ApiResponse({ status: 404, description: 'no such failed job' })
  @ApiResponse({ status: 409, description: 'already discarded' })
  @AdminRoute('operator', 'Discard a failed job with a reason: kept and marked, left out of the default list')
  discard(@AdminContext() admin: AdminRequestContext, @Body() body: DiscardRequestDto) {
    return this.failed.discard(admin, body.queue, body.jobId, body.reason);
  }
}
