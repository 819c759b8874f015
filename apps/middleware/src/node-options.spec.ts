import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { MIDDLEWARE_NODE_OPTIONS } from './node-options';

const root = join(__dirname, '..', '..', '..');

describe('MIDDLEWARE_NODE_OPTIONS', () => {
  it('is what the Docker image sets', () => {
    const dockerfile = readFileSync(join(root, 'docker', 'Dockerfile'), 'utf8');
    expect(dockerfile).toContain(`ENV NODE_OPTIONS="${MIDDLEWARE_NODE_OPTIONS}"`);
  });

  it('is what `npm start` runs with unless NODE_OPTIONS is set', () => {
    const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { scripts: Record<string, string> };
    expect(pkg.scripts.start).toBe(`NODE_OPTIONS="\${NODE_OPTIONS:-${MIDDLEWARE_NODE_OPTIONS}}" node dist/apps/middleware/src/main.js`);
  });
});

describe('MIDDLEWARE_NODE_OPTIONS in the demonstration', () => {
  it('is what the demo starts the middleware with unless NODE_OPTIONS is set', () => {
    expect(readFileSync(join(root, 'scripts', 'demo-run.sh'), 'utf8')).toContain(`NODE_OPTIONS="\${NODE_OPTIONS:-${MIDDLEWARE_NODE_OPTIONS}}" node dist/apps/middleware/src/main.js`);
  });
});
