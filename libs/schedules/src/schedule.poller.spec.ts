import { pollWindows } from './schedule.poller';

describe('pollWindows', () => {
  it('one window when the horizon fits in 62 days', () => {
    expect(pollWindows('2026-11-23', '2026-12-21')).toEqual([{ from: '2026-11-23', to: '2026-12-21' }]);
  });

  it('windows of at most 62 days, both ends counted, covering every day once', () => {
    expect(pollWindows('2026-01-01', '2026-04-01')).toEqual([
      { from: '2026-01-01', to: '2026-03-03' },
      { from: '2026-03-04', to: '2026-04-01' },
    ]);
  });
});
