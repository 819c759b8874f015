import { Inject, Injectable, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { extname, join } from 'node:path';
import { Piscina } from 'piscina';
import { xmlLimits } from '@brygga/xml-intake';
import { MIDDLEWARE_CONFIG, MiddlewareConfig } from '../config/middleware.config';
import { PUSH_PARSERS, PushParsed, PushSystem } from './push-parsers';
import type { PushParseTask } from './push-parse.worker';

/**
 * Reading a large push (scanning, validating and parsing megabytes) takes the event loop
 * for tens to hundreds of milliseconds; on the API's own loop every other push, every
 * health probe and every admin request waits behind it. Documents of
 * INBOUND_PARSE_THREAD_MIN_BYTES and more are read in parse threads (piscina's pool), the
 * rest inline, where a thread hop would cost more than the parse.
 */
@Injectable()
export class PushParsePool implements OnModuleInit, OnModuleDestroy {
  private pool?: Piscina<PushParseTask, unknown>;

  constructor(@Inject(MIDDLEWARE_CONFIG) private readonly config: MiddlewareConfig) {}

  onModuleInit(): void {
    const { parseThreads } = this.config.inbound;
    if (!this.config.runsApi || parseThreads === 0) return;
    const compiled = extname(__filename) === '.js';
    this.pool = new Piscina<PushParseTask, unknown>({
      filename: join(__dirname, `push-parse.worker${extname(__filename)}`),
      minThreads: parseThreads,
      maxThreads: parseThreads,
      // Tests run this source as TypeScript; its threads then need tsx (a dev dependency) to load it.
      execArgv: compiled ? [] : ['--import', 'tsx'],
      workerData: { limits: { ...xmlLimits() } },
    });
  }

  async onModuleDestroy(): Promise<void> {
    await this.pool?.destroy();
    this.pool = undefined;
  }

  async parse<S extends PushSystem>(system: S, bytes: Buffer): Promise<PushParsed<S>> {
    if (!this.pool || bytes.length < this.config.inbound.parseThreadMinBytes) return PUSH_PARSERS[system](bytes) as PushParsed<S>;
    return (await this.pool.run({ system, bytes })) as PushParsed<S>;
  }
}
