/** The interventions flow's own injection tokens; the shared ones are the kernel's (REDIS, TODAY, RULES, ...). */

/** The flow's data keys under the key prefix (`DataKeys`). */
export const DATA_KEYS = Symbol('brygga:interventions:data-keys');

/** The planning-tool ids the flow chooses (`PlanningIds`, keyed by CUSTOMER_ID_KEY). */
export const PLANNING_IDS = Symbol('brygga:interventions:planning-ids');

/** The file-drop folder (`string`); provided only to a worker that has one. */
export const CASE_DROP_DIR = Symbol('brygga:interventions:case-drop-dir');

/** The worker side's options (`InterventionsWorkerOptions`). */
export const INTERVENTIONS_WORKER_OPTIONS = Symbol('brygga:interventions:worker-options');

export interface InterventionsWorkerOptions {
  /** The key of the keyed hash that turns identity numbers into customer ids. */
  customerIdKey: string;
  caseFeed: { url: string; token: string; pollSeconds: number };
  /** Without it, this worker neither scans a drop folder nor imports dropped files. */
  dropDir?: string;
}
