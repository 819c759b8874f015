import { DynamicModule, InjectionToken, Module, Provider } from '@nestjs/common';
import { DocumentStore } from './document.store';
import { FLOW_OUTCOMES, NO_FLOW_OUTCOMES } from './flow-outcome.observer';
import { DOCUMENT_RETENTION_SECONDS, KERNEL_KEYS, KEY_PREFIX, TENANT_BREAKER_OPTIONS } from './flow-kernel.tokens';
import { kernelKeys, RETENTION_SECONDS } from './kernel-keys';
import { LastSyncStore } from './last-sync.store';
import { LockSet } from './lock-set';
import { NO_PERSON_KEYS, PERSON_KEYS } from './person-key';
import { PollGates } from './poll-gate';
import { MaintenanceWindowsStore } from './maintenance-windows.store';
import { DEFAULT_TENANT_BREAKER, TenantBreakerStore } from './tenant-breaker.store';
import { TenantHealthStore } from './tenant-health.store';
import { TenantThrottleStore } from './tenant-throttle.store';
import { TenantWriteGate } from './tenant-write.gate';

/**
 * The infrastructure the flows share, handed over once by the process that hosts them
 * (its Redis connection, key prefix, clock, rules, job producer, planning clients, and
 * whatever it builds those from), plus the kernel's own stores on top. Global, so that a
 * flow's module injects what it uses without knowing who built it; a test hands its own.
 */
@Module({})
export class FlowKernelModule {
  static forRoot(infrastructure: Provider[]): DynamicModule {
    // The defaults first: a process's own provider of the same token replaces them.
    const defaults: Provider[] = [
      { provide: FLOW_OUTCOMES, useValue: NO_FLOW_OUTCOMES },
      { provide: PERSON_KEYS, useValue: NO_PERSON_KEYS },
      { provide: DOCUMENT_RETENTION_SECONDS, useValue: RETENTION_SECONDS },
      { provide: TENANT_BREAKER_OPTIONS, useValue: DEFAULT_TENANT_BREAKER },
    ];
    const providers: Provider[] = [...defaults, ...infrastructure, { provide: KERNEL_KEYS, inject: [KEY_PREFIX], useFactory: kernelKeys }, DocumentStore, LockSet, PollGates, LastSyncStore, TenantHealthStore, MaintenanceWindowsStore, TenantBreakerStore, TenantThrottleStore, TenantWriteGate];
    return { module: FlowKernelModule, global: true, providers, exports: [...new Set(providers.map(tokenOf))] };
  }
}

function tokenOf(provider: Provider): InjectionToken {
  return typeof provider === 'function' ? provider : provider.provide;
}
