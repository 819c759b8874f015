import type { OfficeHours, TimeOfDay } from './office-hours';

/** The thresholds (ALERT_* variables), read once at boot. */
export interface AlertThresholds {
  /** Office minutes without a change from the case feed (ALERT_FEED_SILENT_MINUTES). */
  feedSilentMinutes: number;
  /** Weekday hours, Stockholm time (ALERT_OFFICE_HOURS). */
  officeHours: OfficeHours;
  /** From this time of day (Stockholm) tomorrow's roster must be there (ALERT_ROSTER_DEADLINE). */
  rosterDeadline: TimeOfDay;
  unhandledMinutes: number;
  queueAgeMinutes: number;
  tenantFailingMinutes: number;
}

export interface AlertWebhookOptions {
  url: string;
  /** The HMAC key of X-Brygga-Signature. */
  secret: string;
  /** Per delivery attempt. */
  timeoutMs: number;
  /** First retry delay; doubles per attempt (jitter), capped at 5 minutes. */
  retryBaseMs: number;
}

export interface AlertsOptions {
  thresholds: AlertThresholds;
  /** Whether the case feed is polled at all: without a poll there is no feed to fall silent. */
  feedPolled: boolean;
  evaluateSeconds: number;
  /** JOURNAL_RETENTION_DAYS: how long events are kept. */
  retentionDays: number;
  webhook?: AlertWebhookOptions;
}

export const ALERTS_OPTIONS = Symbol('brygga:alerts-options');

/** The evaluators' clock (`AlertClock`): tests hand a controllable one. */
export const ALERT_CLOCK = Symbol('brygga:alert-clock');
export type AlertClock = () => Date;

/** The alerts' Redis keys (`AlertKeys`). */
export const ALERT_KEYS = Symbol('brygga:alert-keys');
