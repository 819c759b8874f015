import { ConfigError } from '@brygga/config';
import { type AlertsEnv, DEMO_ALERT_WEBHOOK_SECRET, readAlertsOptions } from './alerts.config';

const BASE: AlertsEnv = {
  NODE_ENV: 'development',
  ALERT_FEED_SILENT_MINUTES: 120,
  ALERT_OFFICE_HOURS: '07-17',
  ALERT_ROSTER_DEADLINE: '16:00',
  ALERT_UNHANDLED_MINUTES: 60,
  ALERT_QUEUE_AGE_MINUTES: 15,
  ALERT_TENANT_FAILING_MINUTES: 10,
  ALERT_EVALUATE_SECONDS: 30,
  JOURNAL_RETENTION_DAYS: 30,
  feedPolled: true,
};

function problemsOf(env: Partial<AlertsEnv>): string[] {
  try {
    readAlertsOptions({ ...BASE, ...env });
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  return [];
}

describe('readAlertsOptions', () => {
  it('reads the defaults, no webhook without a URL', () => {
    expect(readAlertsOptions(BASE)).toEqual({
      thresholds: { feedSilentMinutes: 120, officeHours: { from: 7, until: 17 }, rosterDeadline: { hour: 16, minute: 0 }, unhandledMinutes: 60, queueAgeMinutes: 15, tenantFailingMinutes: 10 },
      feedPolled: true,
      evaluateSeconds: 30,
      retentionDays: 30,
    });
  });

  it('names a wrong office hours or deadline', () => {
    expect(problemsOf({ ALERT_OFFICE_HOURS: '17-07', ALERT_ROSTER_DEADLINE: '4pm' })).toEqual([expect.stringMatching(/^ALERT_OFFICE_HOURS/), expect.stringMatching(/^ALERT_ROSTER_DEADLINE/)]);
  });

  it('a URL without a secret takes the demo secret outside production, and is refused in production', () => {
    expect(readAlertsOptions({ ...BASE, ALERT_WEBHOOK_URL: 'https://hooks.example/brygga' }).webhook).toMatchObject({ url: 'https://hooks.example/brygga', secret: DEMO_ALERT_WEBHOOK_SECRET });
    expect(problemsOf({ NODE_ENV: 'production', ALERT_WEBHOOK_URL: 'https://hooks.example/brygga' })).toEqual(['ALERT_WEBHOOK_SECRET: required when ALERT_WEBHOOK_URL is set']);
    expect(problemsOf({ NODE_ENV: 'production', ALERT_WEBHOOK_URL: 'https://hooks.example/brygga', ALERT_WEBHOOK_SECRET: DEMO_ALERT_WEBHOOK_SECRET })).toEqual([expect.stringMatching(/^ALERT_WEBHOOK_SECRET: still the documented demo value/)]);
    expect(readAlertsOptions({ ...BASE, NODE_ENV: 'production', ALERT_WEBHOOK_URL: 'https://hooks.example/brygga', ALERT_WEBHOOK_SECRET: 'a-secret-of-our-own-1234' }).webhook?.secret).toBe('a-secret-of-our-own-1234');
  });
});
