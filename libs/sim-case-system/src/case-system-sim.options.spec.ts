import { caseSystemSimOptionsFromEnv, resolveSimOptions } from './case-system-sim.options';

describe('simulator options', () => {
  it('reads CASE_SYSTEM_TOKEN with the demo default', () => {
    expect(caseSystemSimOptionsFromEnv({})).toEqual({ feedToken: 'case-feed-demo-token', kalla: 'treserva-umea' });
    expect(caseSystemSimOptionsFromEnv({ CASE_SYSTEM_TOKEN: 'secret', CASE_SYSTEM_KALLA: 'treserva-test' })).toEqual({ feedToken: 'secret', kalla: 'treserva-test' });
  });

  it('refuses an empty token', () => {
    expect(() => resolveSimOptions({ feedToken: '' })).toThrow(/feedToken/);
  });
});
