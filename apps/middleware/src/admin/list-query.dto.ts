import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';

const CODE = /^[a-z0-9][a-z0-9._-]{0,99}$/;

/** The age filter every operations list shares. */
export class AgeFilterDto {
  @ApiPropertyOptional({ description: 'only items at least this many minutes old', minimum: 0 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(527040)
  olderThanMinutes?: number;

  @ApiPropertyOptional({ description: 'only items at most this many minutes old', minimum: 0 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(527040)
  newerThanMinutes?: number;
}

/** A code-valued filter (a flow, a reason code). */
export function CodeFilter(): PropertyDecorator {
  return (target, key) => {
    IsOptional()(target, key);
    IsString()(target, key);
    Matches(CODE, { message: `${String(key)} must be a code (a-z 0-9 . _ -)` })(target, key);
  };
}

/** Paging every operations list shares. */
export class PageDto extends AgeFilterDto {
  @ApiPropertyOptional({ description: 'the `next` of the page before' })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  cursor?: string;

  @ApiPropertyOptional({ description: 'items per page', minimum: 1, maximum: 200, default: 50 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(200)
  limit?: number;
}
