import { DiscoveryService } from '@nestjs/core';

/**
 * Marks a provider whose `handlers()` serve jobs (a processor, a poller). The worker
 * process finds every marked provider of every module through discovery, so a flow adds a
 * job by adding a provider, and no list of handlers is kept by hand anywhere.
 */
export const JobHandlers = DiscoveryService.createDecorator<void>();
