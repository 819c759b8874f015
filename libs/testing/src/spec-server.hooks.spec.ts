import { serverPerSpecFile } from './spec-server.hooks';

interface FakeServer {
  id: number;
  resets: number;
  stopped: boolean;
}

const log: string[] = [];
const made: FakeServer[] = [];

describe('serverPerSpecFile', () => {
  const server = serverPerSpecFile<FakeServer>({
    start: async () => {
      log.push('start');
      const s = { id: made.length + 1, resets: 0, stopped: false };
      made.push(s);
      return s;
    },
    stop: async (s) => {
      log.push('stop');
      s.stopped = true;
    },
    reset: async (s) => {
      log.push('reset');
      s.resets += 1;
    },
  });

  it('starts one server for the file and forwards reads to it', () => {
    expect(made).toHaveLength(1);
    expect(server.id).toBe(1);
    expect(server.stopped).toBe(false);
  });

  it('resets it before each test, without starting another', () => {
    expect(made).toHaveLength(1);
    expect(server.resets).toBe(2);
    expect(log).toEqual(['start', 'reset', 'reset']);
  });
});

describe('serverPerSpecFile after its describe', () => {
  it('stopped the server once', () => {
    expect(log).toEqual(['start', 'reset', 'reset', 'stop']);
    expect(made.map((s) => s.stopped)).toEqual([true]);
  });
});

describe('serverPerSpecFile before the server starts', () => {
  const server = serverPerSpecFile({ start: async () => ({ id: 7 }), stop: async () => undefined });
  const early = ((): string => {
    try {
      return `read ${server.id}`;
    } catch (error) {
      return (error as Error).message;
    }
  })();

  it('throws a clear error when read at describe time, and serves reads once started', () => {
    expect(early).toMatch(/not started/);
    expect(server.id).toBe(7);
  });
});
