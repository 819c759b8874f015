import { TenantReadPacer } from './reconcile';

describe('TenantReadPacer: reads spaced per tenant', () => {
  it('gives each tenant its own slots 1/rate apart, callers at once included; another tenant never waits', async () => {
    let now = 0;
    const slept: Array<[string, number]> = [];
    let current = '';
    const pacer = new TenantReadPacer(20, () => now, async (ms) => void slept.push([current, ms]));
    const read = (tenant: string) => {
      current = tenant;
      return pacer.pace(tenant);
    };
    await Promise.all([read('a'), read('a'), read('a'), read('b')]);
    expect(slept).toEqual([
      ['a', 50],
      ['a', 100],
    ]);
    now = 1000;
    slept.length = 0;
    await read('a');
    expect(slept).toEqual([]);
  });
});
