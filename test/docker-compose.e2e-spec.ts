import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';

const root = join(__dirname, '..');
const composeFile = join(root, 'docker/compose.yaml');

function hasDockerCompose(): boolean {
  try {
    execFileSync('docker-compose', ['version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

interface ComposeService {
  command?: string[];
  environment?: Record<string, string>;
  profiles?: string[];
  healthcheck?: unknown;
}

describe('docker/ (validated without an engine)', () => {
  it('docker-compose config -q accepts the compose file', () => {
    if (!hasDockerCompose()) {
      throw new Error("docker-compose is not installed: run 'apt-get install -y docker-compose' (.ci/run does this)");
    }
    expect(() => execFileSync('docker-compose', ['-f', composeFile, 'config', '-q'], { stdio: 'pipe' })).not.toThrow();
  });

  it('runs Redis with AOF and noeviction, api and worker roles, simulators only in the demo profile', () => {
    const compose = parse(readFileSync(composeFile, 'utf8')) as { services: Record<string, ComposeService> };
    const { redis, api, worker, simulators } = compose.services;
    expect(redis.command).toEqual(expect.arrayContaining(['--appendonly', 'yes', '--appendfsync', 'everysec', '--maxmemory-policy', 'noeviction']));
    expect(redis.healthcheck).toBeDefined();
    expect(api.environment?.ROLE).toBe('api');
    expect(worker.environment?.ROLE).toBe('worker');
    expect(simulators.profiles).toEqual(['demo']);
  });

  it('runs a replica and three sentinels only in the sentinel profile, and docker/sentinel.env points the middleware at them', () => {
    // The sentinels and the middleware's environment come from anchors: merge keys resolved, as compose does.
    const compose = parse(readFileSync(composeFile, 'utf8'), { merge: true }) as { services: Record<string, ComposeService> };
    const sentinelServices = Object.entries(compose.services).filter(([, s]) => s.profiles?.includes('sentinel'));
    expect(sentinelServices.map(([name]) => name).sort()).toEqual(['redis-replica', 'redis-sentinel-1', 'redis-sentinel-2', 'redis-sentinel-3']);
    expect(compose.services['redis-replica'].command).toEqual(expect.arrayContaining(['--appendonly', 'yes', '--maxmemory-policy', 'noeviction', '--replicaof', 'redis', '6379']));
    expect(compose.services['redis-sentinel-1'].command?.join(' ')).toContain("'sentinel monitor brygga redis 6379 2'");
    for (const role of [compose.services.api, compose.services.worker]) {
      expect(role.environment).toMatchObject({ REDIS_SENTINELS: '${REDIS_SENTINELS:-}', REDIS_SENTINEL_NAME: '${REDIS_SENTINEL_NAME:-}' });
    }
    const env = Object.fromEntries(
      readFileSync(join(root, 'docker/sentinel.env'), 'utf8')
        .split('\n')
        .filter((line) => /^[A-Z_]+=/.test(line))
        .map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)]),
    );
    expect(env).toEqual({ REDIS_SENTINELS: 'redis-sentinel-1:26379,redis-sentinel-2:26379,redis-sentinel-3:26379', REDIS_SENTINEL_NAME: 'brygga' });
    if (hasDockerCompose()) {
      const resolved = execFileSync('docker-compose', ['-f', composeFile, '--env-file', join(root, 'docker/sentinel.env'), '--profile', 'sentinel', 'config'], { encoding: 'utf8' });
      expect(resolved).toContain('REDIS_SENTINELS: redis-sentinel-1:26379,redis-sentinel-2:26379,redis-sentinel-3:26379');
    }
  });

  it('builds in stages and runs as non-root with production dependencies only', () => {
    const dockerfile = readFileSync(join(root, 'docker/Dockerfile'), 'utf8');
    expect(dockerfile.match(/^FROM /gm)).toHaveLength(2);
    expect(dockerfile).toMatch(/npm ci --omit=dev/);
    expect(dockerfile).toMatch(/^USER node$/m);
  });
});
