import { loadMappingRules, repoRoot } from '@brygga/config';
import type { MappingRules } from './mapping-rules.types';

/** The shipped default rules (config/mapping-rules.yaml): the tests map with what the product ships. */
export function shippedMappingRules(): MappingRules {
  return loadMappingRules(`${repoRoot()}/config/mapping-rules.yaml`);
}
