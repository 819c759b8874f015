import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { MappingRulesError } from './mapping-rules.error';
import { MappingRulesHolder } from './mapping-rules.holder';

const SOURCE = 'config/mapping-rules.yaml';

class RecordingLogger {
  readonly logs: string[] = [];
  readonly errors: string[] = [];
  log(message: string): void {
    this.logs.push(message);
  }
  error(message: string): void {
    this.errors.push(message);
  }
}

/** The rules file with an unknown key under interventions.LAK, which the loader must refuse. */
function brokenRules(): string {
  const text = readFileSync(SOURCE, 'utf8');
  const broken = text.replace(/^ {2}LAK:\n/m, '  LAK:\n    colour: red\n');
  if (broken === text) throw new Error('test setup: LAK not found in the rules file');
  return broken;
}

describe('MappingRulesHolder', () => {
  let dir: string;
  let file: string;
  let logger: RecordingLogger;
  let holder: MappingRulesHolder;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'brygga-rules-'));
    file = join(dir, 'mapping-rules.yaml');
    copyFileSync(SOURCE, file);
    logger = new RecordingLogger();
    holder = new MappingRulesHolder(file, logger);
  });
  afterEach(() => {
    holder.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('has no rules before start, and loads them on start', () => {
    expect(() => holder.current()).toThrow(/not loaded/);
    const rules = holder.start(false);
    expect(rules.version).toMatch(/^[0-9a-f]{12}$/);
    expect(holder.current()).toBe(rules);
    expect(rules.tenants.kommunen.tokenEnv).toBe('PLANNING_TOKEN_KOMMUNEN');
    expect(logger.logs.join('\n')).toContain(rules.version);
  });

  it('refuses to start on a bad file, naming the rule', () => {
    writeFileSync(file, brokenRules());
    expect(() => holder.start(false)).toThrow(MappingRulesError);
    expect(() => holder.start(false)).toThrow(/interventions\.LAK\.colour: unknown key/);
  });

  it('switches to a changed valid file', () => {
    const first = holder.start(false);
    writeFileSync(file, `${readFileSync(file, 'utf8')}\n# a new comment changes the version\n`);
    expect(holder.reload('test')).toBe(true);
    expect(holder.current().version).not.toBe(first.version);
    expect(logger.logs.at(-1)).toContain(holder.current().version);
  });

  it('tells its listeners of rules that took effect, once each, and never of a refused file', () => {
    const seen: string[] = [];
    holder.onChange((rules) => seen.push(rules.version));
    holder.start(false);
    writeFileSync(file, `${readFileSync(file, 'utf8')}\n# another version\n`);
    holder.reload('test');
    holder.reload('test');
    writeFileSync(file, brokenRules());
    holder.reload('test');
    expect(seen).toEqual([holder.current().version]);
  });

  it('keeps the old rules when the new file is broken, logging the rule at fault', () => {
    const first = holder.start(false);
    writeFileSync(file, brokenRules());
    expect(holder.reload('test')).toBe(false);
    expect(holder.current()).toBe(first);
    expect(logger.errors).toHaveLength(1);
    expect(logger.errors[0]).toContain('interventions.LAK.colour');
    expect(logger.errors[0]).toContain(first.version);

    // Fixed again: the next reload takes it.
    writeFileSync(file, `${readFileSync(SOURCE, 'utf8')}\n# fixed\n`);
    expect(holder.reload('test')).toBe(true);
  });

  it('keeps the old rules when the file disappears', () => {
    const first = holder.start(false);
    rmSync(file);
    expect(holder.reload('test')).toBe(false);
    expect(holder.current()).toBe(first);
    expect(logger.errors[0]).toMatch(/cannot be read/);
  });

  it('does nothing for an unchanged file', () => {
    const first = holder.start(false);
    writeFileSync(file, readFileSync(file));
    expect(holder.reload('test')).toBe(false);
    expect(holder.current()).toBe(first);
    expect(logger.errors).toEqual([]);
    expect(logger.logs).toHaveLength(1);
  });

  it('reloads on SIGHUP while started with watching, and not after stop', () => {
    const first = holder.start(true);
    writeFileSync(file, `${readFileSync(file, 'utf8')}\n# sighup\n`);
    process.emit('SIGHUP', 'SIGHUP');
    const second = holder.current();
    expect(second.version).not.toBe(first.version);
    holder.stop();
    writeFileSync(file, `${readFileSync(file, 'utf8')}\n# after stop\n`);
    process.emit('SIGHUP', 'SIGHUP');
    expect(holder.current()).toBe(second);
  });

  it('picks up a change on disk while watching', async () => {
    const first = holder.start(true);
    // fs.watchFile takes its first look asynchronously: an edit made before that look is its
    // baseline. Edit again every few seconds, as an operator saving twice would.
    const deadline = Date.now() + 20_000;
    for (let edit = 0; holder.current().version === first.version && Date.now() < deadline; edit++) {
      if (edit % 30 === 0) writeFileSync(file, `${readFileSync(file, 'utf8')}\n# changed on disk ${edit}\n`);
      await sleep(100);
    }
    expect(holder.current().version).not.toBe(first.version);
  }, 40_000);
});
