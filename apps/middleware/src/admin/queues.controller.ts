import { Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiParam, ApiTags } from '@nestjs/swagger';
import { AdminContext, type AdminRequestContext } from '@brygga/admin-access';
import { type QueueCounts, QueueControlService } from '@brygga/operations';
import { ALL_QUEUES } from '@brygga/queue';
import { AdminApiController, AdminRoute } from './admin-route.decorator';

const QUEUE_PARAM = { name: 'queue', enum: [...ALL_QUEUES] };

@ApiTags('queues')
@Controller('admin/api/queues')
@AdminApiController()
export class QueuesController {
  constructor(private readonly queues: QueueControlService) {}

  @Get()
  @AdminRoute('viewer', 'Each queue: waiting, active, delayed, failed, completed, prioritized, and whether it is paused')
  async counts(): Promise<{ queues: Record<string, QueueCounts> }> {
    return { queues: await this.queues.counts() };
  }

  @Post(':queue/pause')
  @HttpCode(200)
  @ApiParam(QUEUE_PARAM)
  @AdminRoute('operator', 'Pause a queue: its workers take no new job (running ones finish)')
  pause(@AdminContext() admin: AdminRequestContext, @Param('queue') queue: string) {
    return this.queues.pause(admin, queue);
  }

  @Post(':queue/resume')
  @HttpCode(200)
  @ApiParam(QUEUE_PARAM)
  @AdminRoute('operator', 'Resume a paused queue')
  resume(@AdminContext() admin: AdminRequestContext, @Param('queue') queue: string) {
    return this.queues.resume(admin, queue);
  }

  @Post(':queue/drain')
  @HttpCode(200)
  @ApiParam(QUEUE_PARAM)
  @AdminRoute('admin', 'Drain a queue: remove its waiting and prioritized jobs (not delayed, active, completed or failed ones)')
  drain(@AdminContext() admin: AdminRequestContext, @Param('queue') queue: string) {
    return this.queues.drain(admin, queue);
  }
}
