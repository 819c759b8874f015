import { Injectable } from '@nestjs/common';
import { DiscoveryService } from '@nestjs/core';
import { HandlerRegistryError, type JobHandlerProvider } from './job-handler';
import { JobHandlers } from './job-handlers.decorator';

/**
 * Every provider marked `@JobHandlers()`, whichever module holds it. Whether each job then
 * has exactly one handler is the worker host's check (`buildHandlerTable`), made before
 * any worker starts.
 */
@Injectable()
export class JobHandlersExplorer {
  constructor(private readonly discovery: DiscoveryService) {}

  providers(): JobHandlerProvider[] {
    return this.discovery.getProviders({ metadataKey: JobHandlers.KEY }).map((wrapper) => {
      const instance: unknown = wrapper.instance;
      if (!isJobHandlerProvider(instance)) throw new HandlerRegistryError([`${wrapper.name} is marked @JobHandlers() but has no handlers()`]);
      return instance;
    });
  }
}

function isJobHandlerProvider(value: unknown): value is JobHandlerProvider {
  return typeof value === 'object' && value !== null && typeof (value as { handlers?: unknown }).handlers === 'function';
}
