import { kernelKeys } from '@brygga/flow-kernel';

/**
 * Admin access's Redis keys. Under the kernel's `${prefix}:data` root, so one prefix scan
 * finds every data key and none can meet BullMQ's `${prefix}:<queue>:*`. Part of the
 * persisted format: change a key only with a migration.
 */
export function adminAccessKeys(prefix: string) {
  const base = kernelKeys(prefix).base;
  return {
    audit: `${base}:audit`,
    /** One sign-in session of the operations page, by the SHA-256 of its cookie's id (see AdminSessionStore). */
    session: (idDigest: string) => `${base}:admin-session:${idDigest}`,
  };
}

export type AdminAccessKeys = ReturnType<typeof adminAccessKeys>;
