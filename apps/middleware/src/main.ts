import { Logger } from '@nestjs/common';
import { ConfigError } from '@brygga/config';
import { createMiddlewareApp } from './create-middleware-app';

async function main(): Promise<void> {
  const { app, config } = await createMiddlewareApp();
  await app.listen(config.port);
  new Logger('Brygga').log(`middleware up: role=${config.role} port=${config.port} queue prefix=${config.redis.prefix}`);
}

main().catch((error: unknown) => {
  // Boot failures name the variable or the dependency; nothing secret is in them.
  const message = error instanceof ConfigError || error instanceof Error ? error.message : String(error);
  console.error(`Brygga could not start: ${message}`);
  process.exit(1);
});
