import { Type } from 'class-transformer';
import { IsInt, IsString, Max, Min, MinLength } from 'class-validator';
import { DemoDefault } from './env.validation';

/*
 * The validations every env class repeats, as one decorator each. They register the same
 * class-validator rules, in the order the stacked decorators did (the lowest first), so
 * the boot errors read word for word as before.
 */

/** A whole number from `min` (and up to `max` where given), converted from the env's string. */
export function IntSetting(min: number, max?: number): PropertyDecorator {
  return (target, key) => {
    if (max !== undefined) Max(max)(target, key);
    Min(min)(target, key);
    IsInt()(target, key);
    Type(() => Number)(target, key);
  };
}

/** A TCP port; 0 lets the system choose one (tests, benchmarks). */
export function PortSetting(): PropertyDecorator {
  return IntSetting(0, 65535);
}

/**
 * A token with a publicly documented demo value (refused in production, see DemoDefault),
 * at least `minLength` characters where given.
 */
export function SecretToken(demoDefault: string, minLength?: number): PropertyDecorator {
  return (target, key) => {
    DemoDefault(demoDefault)(target, key);
    if (minLength !== undefined) MinLength(minLength)(target, key);
    IsString()(target, key);
  };
}
