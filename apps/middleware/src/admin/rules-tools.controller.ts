import { Body, Controller, Get, HttpCode, Param, Post, Res } from '@nestjs/common';
import type { Response } from 'express';
import { ApiProperty, ApiPropertyOptional, ApiResponse, ApiTags } from '@nestjs/swagger';
import { IsOptional, IsString } from 'class-validator';
import { AdminContext, type AdminRequestContext } from '@brygga/admin-access';
import { RulesToolsService } from '@brygga/operations';
import { AdminApiController, AdminRoute } from './admin-route.decorator';

export class RulesCandidateDto {
  @ApiProperty({ description: "a candidate rules file's whole YAML text" })
  @IsString()
  rules!: string;
}

export class RulesDryRunDto extends RulesCandidateDto {
  @ApiProperty({ description: 'one XML document: an Uppdragsexport (case system) or a ScheduleExport (scheduling system)' })
  @IsString()
  document!: string;
}

export class RulesApplyDto {
  @ApiPropertyOptional({ description: "a candidate rules file's whole YAML text" })
  @IsOptional()
  @IsString()
  rules?: string;

  @ApiPropertyOptional({ description: 'an earlier version (GET /admin/api/rules/versions) to apply again: a rollback' })
  @IsOptional()
  @IsString()
  version?: string;
}

/** The rules tools: try candidate rules on a document or on everything stored, then apply them (or an earlier version). */
@ApiTags('rules')
@Controller('admin/api/rules')
@AdminApiController()
export class RulesToolsController {
  constructor(private readonly tools: RulesToolsService) {}

  @Post('dry-run')
  @HttpCode(200)
  @ApiResponse({ status: 200, description: 'the planning operations the document would produce (ids, kinds; no personal values), what would be quarantined and why, what is not served' })
  @AdminRoute('admin', 'Validate candidate rules as at boot (the same messages) and map one document under them; nothing stored, queued or sent')
  dryRun(@AdminContext() admin: AdminRequestContext, @Body() body: RulesDryRunDto) {
    return this.tools.dryRun(admin, body.rules, body.document);
  }

  @Post('replay')
  @HttpCode(200)
  @ApiResponse({ status: 200, description: 'counts by kind and, per affected assignment or staff id, the field names that change' })
  @ApiResponse({ status: 202, description: 'a store over RULES_REPLAY_SYNC_MAX items: {runId}; the run runs as a job' })
  @AdminRoute('admin', 'Re-map every stored latest assignment version and staff member under the candidate and under the rules in force, and answer the difference (a large store: 202 and a run id); sends nothing')
  async replay(@AdminContext() admin: AdminRequestContext, @Body() body: RulesCandidateDto, @Res({ passthrough: true }) res: Response) {
    const answer = await this.tools.replayOrQueue(admin, body.rules);
    if ('runId' in answer) res.status(202);
    return answer;
  }

  @Get('replay/:runId')
  @ApiResponse({ status: 404, description: 'no such run (runs are kept a day)' })
  @AdminRoute('admin', "A replay run's progress (status, total, scanned), then its diff")
  run(@Param('runId') runId: string) {
    return this.tools.run(runId);
  }

  @Post('apply')
  @HttpCode(200)
  @ApiResponse({ status: 200, description: 'applied (with the version, the processes it reached, the difference and the jobs queued per flow) or unchanged' })
  @ApiResponse({ status: 404, description: 'no such earlier version' })
  @ApiResponse({ status: 409, description: 'refused (a tenant without a usable planning client), or another apply is running' })
  @AdminRoute('admin', 'Make the candidate (or an earlier version: a rollback) the rules in force in every process, versioned with who and when, and re-send exactly the items it changes')
  apply(@AdminContext() admin: AdminRequestContext, @Body() body: RulesApplyDto) {
    return this.tools.apply(admin, body);
  }

  @Get('versions')
  @AdminRoute('viewer', 'The rules versions applied through the admin API, newest first, with who applied each and when; the version in force')
  versions() {
    return this.tools.listVersions();
  }
}
