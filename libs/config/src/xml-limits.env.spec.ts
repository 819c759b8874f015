import { DEFAULT_XML_LIMITS } from '@brygga/xml-intake';
import { ConfigError } from './env.validation';
import { readXmlLimits } from './xml-limits.env';

describe('readXmlLimits', () => {
  it('defaults to the intake defaults', () => {
    expect(readXmlLimits({})).toEqual(DEFAULT_XML_LIMITS);
  });

  it('reads each variable', () => {
    expect(readXmlLimits({ XML_MAX_DEPTH: '12', XML_MAX_ELEMENTS: '2000', XML_MAX_RECORD_ELEMENTS: '500' })).toMatchObject({ maxDepth: 12, maxElements: 2000, maxRecordElements: 500 });
  });

  it('names every wrong variable', () => {
    expect(() => readXmlLimits({ XML_MAX_DEPTH: '2', XML_MAX_TEXT_LENGTH: 'lots' })).toThrow(ConfigError);
    expect(() => readXmlLimits({ XML_MAX_DEPTH: '2', XML_MAX_TEXT_LENGTH: 'lots' })).toThrow(/XML_MAX_DEPTH[\s\S]*XML_MAX_TEXT_LENGTH/);
  });
});
