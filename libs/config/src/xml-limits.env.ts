import { DEFAULT_XML_LIMITS, type XmlLimits } from '@brygga/xml-intake';
import { IntSetting } from './env-setting.decorators';
import { validateEnv } from './env.validation';

/**
 * The XML intake's limits as env variables (README "Documents Brygga refuses"). Bounds
 * keep a typo from switching a protection off (a depth of 10^9) or refusing every
 * contract document (a depth below the contracts' 6).
 */
export class XmlLimitsEnv {
  @IntSetting(8, 1000)
  XML_MAX_DEPTH = DEFAULT_XML_LIMITS.maxDepth;

  @IntSetting(1000, 50_000_000)
  XML_MAX_ELEMENTS = DEFAULT_XML_LIMITS.maxElements;

  @IntSetting(256, 16 * 1024 * 1024)
  XML_MAX_ATTRIBUTE_LENGTH = DEFAULT_XML_LIMITS.maxAttributeLength;

  @IntSetting(256, 64 * 1024 * 1024)
  XML_MAX_TEXT_LENGTH = DEFAULT_XML_LIMITS.maxTextLength;

  @IntSetting(64 * 1024, 1024 * 1024 * 1024)
  XML_MAX_DOCUMENT_BYTES = DEFAULT_XML_LIMITS.maxDocumentBytes;

  @IntSetting(100, 10_000_000)
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
