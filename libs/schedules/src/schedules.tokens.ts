/** The schedules flow's own injection tokens; the shared ones are the kernel's (REDIS, TODAY, RULES, ...). */

/** The flow's data keys under the key prefix (`ScheduleKeys`). */
export const SCHEDULE_KEYS = Symbol('brygga:schedules:schedule-keys');

/** How many days ahead of today a poll fetches (`number`). */
export const POLL_HORIZON_DAYS = Symbol('brygga:schedules:poll-horizon-days');

/** The worker side's options (`SchedulesWorkerOptions`). */
export const SCHEDULES_WORKER_OPTIONS = Symbol('brygga:schedules:worker-options');

export interface SchedulesWorkerOptions {
  schedulingApi: { url: string; token: string; pollSeconds: number; horizonDays: number };
}
