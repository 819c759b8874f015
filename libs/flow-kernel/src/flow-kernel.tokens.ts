/**
 * The injection tokens of what both flows stand on, defined once. The process provides
 * them (FlowKernelModule.forRoot); the flows inject them. The types beside each token say
 * what it must be provided as.
 */

/** The process's one Redis connection (ioredis `Redis`). */
export const REDIS = Symbol('brygga:redis');

/** QUEUE_PREFIX (`string`): every queue and data key lives under it. */
export const KEY_PREFIX = Symbol('brygga:key-prefix');

/** The kernel's data keys under that prefix (`KernelKeys`); the kernel module derives them. */
export const KERNEL_KEYS = Symbol('brygga:kernel-keys');

/** Today's date in Stockholm (`Today`): fixed in tests, so that nothing reads the clock itself. */
export const TODAY = Symbol('brygga:today');
export type Today = () => string;

/**
 * The mapping rules in force (`RulesAccessor<MappingRules>`), read once per job: a reload
 * changes them between jobs, never within one. Generic because the kernel knows no mapping.
 */
export const RULES = Symbol('brygga:rules');
export type RulesAccessor<R> = () => R;

/**
 * How long raw documents and per-version payloads are kept for audit and redrive, in
 * seconds (`number`): the process gives JOURNAL_RETENTION_DAYS, so a document is kept as
 * long as the journal that names it, and no longer. The kernel's default: `RETENTION_SECONDS`.
 */
export const DOCUMENT_RETENTION_SECONDS = Symbol('brygga:document-retention-seconds');

/** Where a flow logs (`FlowLogger`); each flow's module provides its own, under the flow's name. */
export const FLOW_LOGGER = Symbol('brygga:flow-logger');

/** The tenants' circuit breakers' settings (`TenantBreakerOptions`); the kernel's default: `DEFAULT_TENANT_BREAKER`. */
export const TENANT_BREAKER_OPTIONS = Symbol('brygga:tenant-breaker-options');
