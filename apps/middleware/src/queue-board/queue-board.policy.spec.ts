import { judgeBoardRequest } from './queue-board.policy';

describe('the queue dashboard policy (which bull-board calls change what, for whom)', () => {
  it.each([
    ['GET', '/'],
    ['GET', '/api/queues'],
    ['GET', '/api/queues/assignments/UPP-1:v3'],
    ['GET', '/static/js/main.js'],
    ['HEAD', '/queue/assignments'],
  ])('%s %s is a read', (method, path) => {
    expect(judgeBoardRequest(method, path)).toEqual({ kind: 'read' });
  });

  it.each([
    ['PUT', '/api/queues/assignments/UPP-1%3Av3/retry', 'operator', 'queue-board.retry', 'assignments/UPP-1:v3'],
    ['PUT', '/api/queues/assignments/retry/failed', 'operator', 'queue-board.retry-all', 'assignments/failed'],
    ['PUT', '/api/queues/scheduler/promote', 'operator', 'queue-board.promote-all', 'scheduler'],
    ['PUT', '/api/queues/pause', 'operator', 'queue-board.pause-all', 'all'],
    ['PUT', '/api/queues/assignments/resume', 'operator', 'queue-board.resume', 'assignments'],
    ['PUT', '/api/queues/assignments/empty', 'admin', 'queue-board.drain', 'assignments'],
  ])('%s %s needs %s, audited as %s on %s', (method, path, role, action, target) => {
    expect(judgeBoardRequest(method, path)).toEqual({ kind: 'change', role, action, target });
  });

  it.each([
    ['PUT', '/api/queues/assignments/UPP-1/clean'],
    ['PUT', '/api/queues/assignments/clean/failed'],
    ['POST', '/api/queues/assignments/add'],
    ['PATCH', '/api/queues/assignments/UPP-1/update-data'],
    ['PUT', '/api/queues/assignments/obliterate'],
    ['PUT', '/api/queues/scheduler/job-schedulers/case-feed.poll/remove'],
    ['PUT', '/api/queues/assignments/concurrency'],
    ['DELETE', '/api/queues/assignments'],
    ['POST', '/api/metrics/history/purge'],
    ['PUT', '/api/queues/assignments/retry/active'],
  ])('%s %s is refused to every role', (method, path) => {
    expect(judgeBoardRequest(method, path)).toEqual({ kind: 'refused' });
  });
});
