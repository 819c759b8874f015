import axios from 'axios';
import { startSimulators } from './start-simulators';

describe('startSimulators', () => {
  it('SCHEDULING_SYSTEM_SEED and _DAYS give the scheduling simulator rosters from the start', async () => {
    const running = await startSimulators(
      { SIMULATORS: 'scheduling-system', SCHEDULING_SYSTEM_SIM_PORT: '0', SCHEDULING_SYSTEM_SEED: '1', SCHEDULING_SYSTEM_DAYS: '7', SIM_HOST: '127.0.0.1' },
      { logger: false },
    );
    try {
      const [sim] = running;
      const today = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Stockholm' }).format(new Date());
      const headers = { Authorization: 'Bearer schedule-api-demo-token' };
      const res = await axios.get(`${sim.url}/api/schedules/NORR-1`, { params: { from: today, to: today }, headers, validateStatus: () => true });
      expect(res.status).toBe(200);
      expect(String(res.data)).toContain('<Employee ');
    } finally {
      await Promise.all(running.map((r) => r.app.close()));
    }
  });
});
