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

  it('builds in stages and runs as non-root with production dependencies only', () => {
    const dockerfile = readFileSync(join(root, 'docker/Dockerfile'), 'utf8');
    expect(dockerfile.match(/^FROM /gm)).toHaveLength(2);
    expect(dockerfile).toMatch(/npm ci --omit=dev/);
    expect(dockerfile).toMatch(/^USER node$/m);
  });
});
