import Redis, { type RedisOptions } from 'ioredis';

type SendCommand = Redis['sendCommand'];

/**
 * An ioredis connection whose commands issued in one turn of the event loop leave in one
 * socket write. Hand-written because neither ioredis nor BullMQ does it: ioredis writes each
 * command to the socket as it is issued (one `write(2)` each), and on the machines measured a
 * worker spent 15-16 % of its CPU in those writes (about 70 µs each, 20 or so per
 * assignment). ioredis's own `enableAutoPipelining` gathers commands differently (into
 * pipelines of its own) and stalled the full sync when it was tried. Here nothing but the
 * timing of the write changes: the socket is corked at a turn's first command and uncorked
 * once that turn's callbacks ran (`process.nextTick`), so Node sends what was written
 * meanwhile, in the order it was written, in one `writev`. The same commands on the same
 * connection, answered the same way.
 */
export class CoalescingRedis extends Redis {
  private corked?: Redis['stream'];

  /** RESP2 replies, as every connection of Brygga (and BullMQ) reads them. */
  constructor(options: Omit<RedisOptions, 'replyMapping'>) {
    super({ ...options, replyMapping: 'legacy' });
  }

  override sendCommand(...args: Parameters<SendCommand>): ReturnType<SendCommand> {
    const socket = this.stream;
    if (socket && this.corked !== socket && this.status === 'ready') {
      this.corked = socket;
      socket.cork();
      process.nextTick(() => {
        if (this.corked === socket) this.corked = undefined;
        socket.uncork();
      });
    }
    return super.sendCommand(...args);
  }

  /** ioredis's own duplicate() builds a plain Redis: BullMQ's and the workers' duplicates stay coalescing. */
  override duplicate(override?: Partial<RedisOptions>): Redis {
    return new CoalescingRedis({ ...this.options, ...override });
  }
}
