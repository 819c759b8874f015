import type { SealedPlace } from '@brygga/data-seal';

/** The kernel's sealed values (keys as in kernelKeys, below `${prefix}:data:`): raw inbound documents; their meta is ids and sizes. */
export const KERNEL_SEALED_PLACES: readonly SealedPlace[] = [{ what: 'raw documents', type: 'string', key: /^doc:[^:]+$/ }];
