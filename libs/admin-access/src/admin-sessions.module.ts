import { type DynamicModule, Module } from '@nestjs/common';
import type Redis from 'ioredis';
import { KEY_PREFIX, REDIS } from '@brygga/flow-kernel';
import { adminAccessKeys } from './admin-access-keys';
import { type AdminSessionSettings } from './admin-session.cookie';
import { AdminSessionStore } from './admin-session.store';

/** The settings, for whoever sets the cookie (the sign-in route). */
export const ADMIN_SESSION_SETTINGS = Symbol('brygga:admin-session-settings');

/**
 * The session store on the process's Redis (the kernel's REDIS and KEY_PREFIX), global so
 * AdminRoleGuard, wherever a controller uses it, finds it. Registered by the API role only:
 * a process with no operations page keeps no sessions.
 */
@Module({})
export class AdminSessionsModule {
  static forRoot(settings: AdminSessionSettings): DynamicModule {
    return {
      module: AdminSessionsModule,
      global: true,
      providers: [
        { provide: ADMIN_SESSION_SETTINGS, useValue: settings },
        { provide: AdminSessionStore, inject: [REDIS, KEY_PREFIX], useFactory: (redis: Redis, prefix: string) => new AdminSessionStore(redis, adminAccessKeys(prefix), settings.ttlMinutes) },
      ],
      exports: [ADMIN_SESSION_SETTINGS, AdminSessionStore],
    };
  }
}
