import { ConfigError } from '@brygga/config';
import type { AlertsOptions } from './alerts.tokens';
import { parseOfficeHours, parseTimeOfDay } from './office-hours';

/** The documented demo secret: used when a webhook URL is set without a secret outside production, refused in production. */
export const DEMO_ALERT_WEBHOOK_SECRET = 'brygga-demo-alert-webhook-secret';
const WEBHOOK_TIMEOUT_MS = 10_000;
const WEBHOOK_RETRY_BASE_MS = 5_000;

/** The variables the alerts read, already checked for type by the app's env class. */
export interface AlertsEnv {
  NODE_ENV: string;
  ALERT_FEED_SILENT_MINUTES: number;
  ALERT_OFFICE_HOURS: string;
  ALERT_ROSTER_DEADLINE: string;
  ALERT_UNHANDLED_MINUTES: number;
  ALERT_QUEUE_AGE_MINUTES: number;
  ALERT_TENANT_FAILING_MINUTES: number;
  ALERT_EVALUATE_SECONDS: number;
  ALERT_WEBHOOK_URL?: string;
  ALERT_WEBHOOK_SECRET?: string;
  JOURNAL_RETENTION_DAYS: number;
  /** Whether the case feed is polled (CASE_SYSTEM_POLL_SECONDS > 0). */
  feedPolled: boolean;
}

/** The alerts' options; every problem named by its variable (a ConfigError), as the boot reports them. */
export function readAlertsOptions(env: AlertsEnv): AlertsOptions {
  const problems: string[] = [];
  const officeHours = parseOfficeHours(env.ALERT_OFFICE_HOURS);
  if (!officeHours) problems.push('ALERT_OFFICE_HOURS must be two hours HH-HH, the first before the second (e.g. 07-17)');
  const rosterDeadline = parseTimeOfDay(env.ALERT_ROSTER_DEADLINE);
  if (!rosterDeadline) problems.push('ALERT_ROSTER_DEADLINE must be a time of day HH:MM (e.g. 16:00)');
  const production = env.NODE_ENV === 'production';
  const given = env.ALERT_WEBHOOK_SECRET;
  if (env.ALERT_WEBHOOK_URL !== undefined && given === undefined && production) problems.push('ALERT_WEBHOOK_SECRET: required when ALERT_WEBHOOK_URL is set');
  const secret = given ?? (env.ALERT_WEBHOOK_URL !== undefined ? DEMO_ALERT_WEBHOOK_SECRET : undefined);
  if (given === DEMO_ALERT_WEBHOOK_SECRET && production) problems.push('ALERT_WEBHOOK_SECRET: still the documented demo value; set a secret of your own when NODE_ENV=production');
  if (problems.length > 0 || !officeHours || !rosterDeadline) throw new ConfigError(problems);
  return {
    thresholds: {
      feedSilentMinutes: env.ALERT_FEED_SILENT_MINUTES,
      officeHours,
      rosterDeadline,
      unhandledMinutes: env.ALERT_UNHANDLED_MINUTES,
      queueAgeMinutes: env.ALERT_QUEUE_AGE_MINUTES,
      tenantFailingMinutes: env.ALERT_TENANT_FAILING_MINUTES,
    },
    feedPolled: env.feedPolled,
    evaluateSeconds: env.ALERT_EVALUATE_SECONDS,
    retentionDays: env.JOURNAL_RETENTION_DAYS,
    ...(env.ALERT_WEBHOOK_URL !== undefined && secret !== undefined && { webhook: { url: env.ALERT_WEBHOOK_URL, secret, timeoutMs: WEBHOOK_TIMEOUT_MS, retryBaseMs: WEBHOOK_RETRY_BASE_MS } }),
  };
}
