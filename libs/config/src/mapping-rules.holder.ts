import { watchFile, unwatchFile } from 'node:fs';
import { resolve } from 'node:path';
import type { MappingRules } from '@brygga/mapping';
import { loadMappingRules } from './mapping-rules.loader';

export interface RulesLogger {
  log(message: string): void;
  error(message: string): void;
}

/**
 * The rules in force. A new file (SIGHUP or a change on disk) replaces them only when it
 * validates; a bad one is refused loudly and the old rules stay in force.
 */
export class MappingRulesHolder {
  private rules?: MappingRules;
  private readonly path: string;
  private readonly listeners: Array<(rules: MappingRules) => void> = [];
  private readonly onSighup = () => this.reload('SIGHUP');

  constructor(
    path: string,
    private readonly logger: RulesLogger,
  ) {
    this.path = resolve(path);
  }

  /** Loads the file (throws, naming file, rule and problem, when it is bad) and starts watching. */
  start(watch = true): MappingRules {
    this.rules = loadMappingRules(this.path);
    this.logger.log(`mapping rules ${this.rules.version} loaded from ${this.path}`);
    if (watch) {
      watchFile(this.path, { interval: 2000 }, () => this.reload('file change'));
      process.on('SIGHUP', this.onSighup);
    }
    return this.rules;
  }

  current(): MappingRules {
    if (!this.rules) throw new Error('mapping rules not loaded yet');
    return this.rules;
  }

  /** Called with the new rules each time a reload takes effect (not for a refused file). */
  onChange(listener: (rules: MappingRules) => void): void {
    this.listeners.push(listener);
  }

  /** Returns true when new rules took effect. */
  reload(trigger: string): boolean {
    try {
      const next = loadMappingRules(this.path);
      if (next.version === this.rules?.version) return false;
      this.rules = next;
      this.logger.log(`mapping rules ${next.version} in force (${trigger})`);
      for (const listener of this.listeners) listener(next);
      return true;
    } catch (error) {
      this.logger.error(`REFUSED new mapping rules (${trigger}); rules ${this.rules?.version} stay in force: ${(error as Error).message}`);
      return false;
    }
  }

  stop(): void {
    unwatchFile(this.path);
    process.off('SIGHUP', this.onSighup);
  }
}
