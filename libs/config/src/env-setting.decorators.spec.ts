import { Type } from 'class-transformer';
import { IsInt, IsString, Max, Min, MinLength } from 'class-validator';
import { IntSetting, PortSetting, SecretToken } from './env-setting.decorators';
import { DemoDefault, redactConfig, validateEnv } from './env.validation';

/** The decorators as env classes stacked them before; the composed ones must answer alike. */
class Stacked {
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(256)
  COUNT = 16;

  @IsString()
  @MinLength(8)
  @DemoDefault('stacked-demo-token')
  TOKEN!: string;
}

class Composed {
  @IntSetting(1, 256)
  COUNT = 16;

  @SecretToken('stacked-demo-token', 8)
  TOKEN!: string;
}

class Open {
  @IntSetting(10)
  DELAY_MS = 1000;

  @PortSetting()
  PORT = 3000;

  @SecretToken('open-demo-token')
  TOKEN!: string;
}

function problemsOf(cls: new () => object, env: NodeJS.ProcessEnv): string {
  try {
    validateEnv(cls, env);
    return '';
  } catch (error) {
    return (error as Error).message;
  }
}

describe('env setting decorators', () => {
  it.each<[string, NodeJS.ProcessEnv]>([
    ['valid values', { COUNT: '20', TOKEN: 'a-real-secret' }],
    ['below the minimum', { COUNT: '0' }],
    ['above the maximum', { COUNT: '999' }],
    ['not a whole number', { COUNT: '1.5' }],
    ['not a number', { COUNT: 'many' }],
    ['a short token', { TOKEN: 'short' }],
    ['a demo token in production', { NODE_ENV: 'production' }],
  ])('answer %s word for word as the stacked decorators', (what, env) => {
    expect(problemsOf(Stacked, env) === '').toBe(what === 'valid values');
    expect(problemsOf(Composed, env)).toBe(problemsOf(Stacked, env));
  });

  it('converts, defaults and redacts like the stacked decorators', () => {
    const env = { COUNT: '20' };
    expect(redactConfig(validateEnv(Composed, env))).toEqual(redactConfig(validateEnv(Stacked, env)));
    expect(validateEnv(Composed, env).COUNT).toBe(20);
  });

  it('leaves out the maximum and the token length where none is given', () => {
    expect(validateEnv(Open, { DELAY_MS: '999999999', TOKEN: 'x' })).toMatchObject({ DELAY_MS: 999999999, TOKEN: 'x' });
    expect(problemsOf(Open, { DELAY_MS: '9' })).toMatch(/DELAY_MS must not be less than 10/);
  });

  it('takes a port from 0 to 65535', () => {
    expect(validateEnv(Open, { PORT: '0' }).PORT).toBe(0);
    expect(problemsOf(Open, { PORT: '65536' })).toMatch(/PORT must not be greater than 65535/);
  });
});
