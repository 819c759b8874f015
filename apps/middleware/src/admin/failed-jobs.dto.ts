import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { IsBoolean, IsIn, IsOptional, IsString, Length, ValidateNested } from 'class-validator';
import { ALL_QUEUES } from '@brygga/queue';
import { AgeFilterDto, CodeFilter, PageDto } from './list-query.dto';

const QUEUES = [...ALL_QUEUES];

export class FailedJobsQueryDto extends PageDto {
  @ApiPropertyOptional({ enum: QUEUES })
  @IsOptional()
  @IsIn(QUEUES)
  queue?: string;

  @ApiPropertyOptional({ description: 'interventions or schedules' })
  @CodeFilter()
  flow?: string;

  @ApiPropertyOptional({ description: 'a reason code: planning-refused, planning-tenant-unknown, vendor-unauthorized, transient.exhausted, transient.stalled, unknown' })
  @CodeFilter()
  reason?: string;

  @ApiPropertyOptional({ description: 'true: only discarded jobs (newest discard first); otherwise discarded jobs are left out' })
  @IsOptional()
  @Transform(({ value }: { value: unknown }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean()
  discarded?: boolean;
}

export class FailedJobsFilterDto extends AgeFilterDto {
  @ApiPropertyOptional({ enum: QUEUES })
  @IsOptional()
  @IsIn(QUEUES)
  queue?: string;

  @ApiPropertyOptional()
  @CodeFilter()
  flow?: string;

  @ApiPropertyOptional()
  @CodeFilter()
  reason?: string;
}

/** One job (`queue` and `jobId`), or every failed job a filter matches (`filter`; `{}` is all). */
export class RedriveRequestDto {
  @ApiPropertyOptional({ enum: QUEUES })
  @IsOptional()
  @IsIn(QUEUES)
  queue?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @Length(1, 200)
  jobId?: string;

  @ApiPropertyOptional({ type: FailedJobsFilterDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => FailedJobsFilterDto)
  filter?: FailedJobsFilterDto;
}

export class DiscardRequestDto {
  @ApiProperty({ enum: QUEUES })
  @IsIn(QUEUES)
  queue!: string;

  @ApiProperty()
  @IsString()
  @Length(1, 200)
  jobId!: string;

  @ApiProperty({ description: "a short reason (1 to 200 letters, digits, spaces and . _ : / # @ , ( ) ' -); stored and shown, never logged", minLength: 1, maxLength: 200 })
  @IsString()
  @Length(1, 200)
  reason!: string;
}
