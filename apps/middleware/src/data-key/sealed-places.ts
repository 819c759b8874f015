import type { SealedPlace } from '@brygga/data-seal';
import { KERNEL_SEALED_PLACES } from '@brygga/flow-kernel';
import { INTERVENTIONS_SEALED_PLACES } from '@brygga/interventions';
import { SCHEDULES_SEALED_PLACES } from '@brygga/schedules';

/** Every key of this process's data that holds sealed values, for the rotation and the at-rest test. */
export const SEALED_PLACES: readonly SealedPlace[] = [...KERNEL_SEALED_PLACES, ...INTERVENTIONS_SEALED_PLACES, ...SCHEDULES_SEALED_PLACES];
