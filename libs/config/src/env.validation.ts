import 'reflect-metadata';
import { plainToInstance } from 'class-transformer';
import { getMetadataStorage, validateSync, ValidationError } from 'class-validator';

const SECRET_KEYS = Symbol('brygga:secret-keys');
const DEMO_DEFAULTS = Symbol('brygga:demo-defaults');

type ClassWithMeta = { [SECRET_KEYS]?: Set<string>; [DEMO_DEFAULTS]?: Map<string, string> };

/** Marks an env property as a secret: redacted wherever config is shown. */
export function Secret(): PropertyDecorator {
  return (target, key) => {
    const ctor = target.constructor as ClassWithMeta;
    ctor[SECRET_KEYS] = new Set([...(ctor[SECRET_KEYS] ?? []), String(key)]);
  };
}

/**
 * Marks a secret whose default is a publicly documented demo value: fine for the demo,
 * refused when NODE_ENV=production (a production install must set its own).
 */
export function DemoDefault(value: string): PropertyDecorator {
  return (target, key) => {
    Secret()(target, key);
    const ctor = target.constructor as ClassWithMeta;
    ctor[DEMO_DEFAULTS] = new Map([...(ctor[DEMO_DEFAULTS] ?? []), [String(key), value]]);
  };
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n  - ${problems.join('\n  - ')}`);
    this.name = 'ConfigError';
  }
}

function describe(errors: ValidationError[]): string[] {
  return errors.flatMap((e) => Object.values(e.constraints ?? {}).map((m) => (m.startsWith(e.property) ? m : `${e.property}: ${m}`)));
}

/**
 * Validates process env into an instance of `cls`, failing fast with every problem,
 * each naming its variable. Values are never echoed (they may be secrets).
 */
export function validateEnv<T extends object>(cls: new () => T, env: NodeJS.ProcessEnv = process.env): T {
  const defaults = (cls as unknown as ClassWithMeta)[DEMO_DEFAULTS] ?? new Map<string, string>();
  const withDemo: Record<string, unknown> = {};
  for (const [key, value] of defaults) withDemo[key] = value;
  // Only the variables the class declares: the rest of the process's environment (PATH, a
  // tenant's token named by the rules, anything a container injects) must not ride along
  // into a config object that is logged, however well its own secrets are marked.
  const declared = declaredKeys(cls, defaults);
  for (const [key, value] of Object.entries(env)) if (declared.has(key) && value !== undefined && value !== '') withDemo[key] = value;
  const instance = plainToInstance(cls, withDemo, { enableImplicitConversion: true, exposeDefaultValues: true });
  const problems = describe(validateSync(instance, { whitelist: false, forbidUnknownValues: true }));
  if (env.NODE_ENV === 'production') {
    for (const [key, value] of defaults) {
      if ((instance as Record<string, unknown>)[key] === value) {
        problems.push(`${key}: still the documented demo value; set a secret of your own when NODE_ENV=production`);
      }
    }
  }
  if (problems.length > 0) throw new ConfigError(problems);
  return instance;
}

function declaredKeys(cls: new () => object, defaults: Map<string, string>): Set<string> {
  const validated = getMetadataStorage().getTargetValidationMetadatas(cls, '', true, false);
  return new Set([...validated.map((m) => m.propertyName), ...defaults.keys()]);
}

/** A copy of the config with every secret replaced, safe to log. */
export function redactConfig<T extends object>(config: T): Record<string, unknown> {
  const secrets = (config.constructor as unknown as ClassWithMeta)[SECRET_KEYS] ?? new Set<string>();
  return Object.fromEntries(Object.entries(config).map(([k, v]) => [k, secrets.has(k) ? '***' : v]));
}
