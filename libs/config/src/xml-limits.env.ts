import { Type } from 'class-transformer';
import { IsInt, Max, Min } from 'class-validator';
import { DEFAULT_XML_LIMITS, type XmlLimits } from '@brygga/xml-intake';
import { validateEnv } from './env.validation';

/**
 * The XML intake's limits as env variables (README "Documents Brygga refuses"). Bounds
 * keep a typo from switching a protection off (a depth of 10^9) or refusing every
 * contract document (a depth below the contracts' 6).
 */
export class XmlLimitsEnv {
  @Type(() => Number)
  @IsInt()
  @Min(8)
  @Max(1000)
  XML_MAX_DEPTH = DEFAULT_XML_LIMITS.maxDepth;

  @Type(() => Number)
  @IsInt()
  @Min(1000)
  @Max(50_000_000)
  XML_MAX_ELEMENTS = DEFAULT_XML_LIMITS.maxElements;

  @Type(() => Number)
  @IsInt()
  @Min(256)
  @Max(16 * 1024 * 1024)
  XML_MAX_ATTRIBUTE_LENGTH = DEFAULT_XML_LIMITS.maxAttributeLength;

  @Type(() => Number)
  @IsInt()
  @Min(256)
  @Max(64 * 1024 * 1024)
  XML_MAX_TEXT_LENGTH = DEFAULT_XML_LIMITS.maxTextLength;

  @Type(() => Number)
  @IsInt()
  @Min(64 * 1024)
  @Max(1024 * 1024 * 1024)
  XML_MAX_DOCUMENT_BYTES = DEFAULT_XML_LIMITS.maxDocumentBytes;

  @Type(() => Number)
  @IsInt()
  @Min(100)
  @Max(10_000_000)
  XML_MAX_RECORD_ELEMENTS = DEFAULT_XML_LIMITS.maxRecordElements;
}

/** The limits from the env; a wrong value throws ConfigError naming its variable. */
export function readXmlLimits(env: NodeJS.ProcessEnv = process.env): XmlLimits {
  const e = validateEnv(XmlLimitsEnv, env);
  return {
    maxDepth: e.XML_MAX_DEPTH,
    maxElements: e.XML_MAX_ELEMENTS,
    maxAttributeLength: e.XML_MAX_ATTRIBUTE_LENGTH,
    maxTextLength: e.XML_MAX_TEXT_LENGTH,
    maxDocumentBytes: e.XML_MAX_DOCUMENT_BYTES,
    maxRecordElements: e.XML_MAX_RECORD_ELEMENTS,
  };
}
