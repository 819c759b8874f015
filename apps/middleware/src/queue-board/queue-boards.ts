import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import type { UIConfig } from '@bull-board/api/typings/app';
import { ExpressAdapter } from '@bull-board/express';
import type { RequestHandler } from 'express';
import type { JobProducer } from '@brygga/queue';
import { idOnlyData, idOnlyName, idOnlyProgress, idOnlyReturnValue } from './id-only.formatter';

/** Where both boards are served; the dispatcher picks one per request. */
export const QUEUE_BOARD_ROUTE = '/admin/queues';

/**
 * The queue adapters of one board, every queue of the process, each showing job data,
 * results, names and progress through the id-only formatters. `readOnlyMode` is per
 * adapter in bull-board, which is why a read-only board is a board of its own.
 */
export function boardQueues(producer: JobProducer, readOnlyMode: boolean): BullMQAdapter[] {
  return producer.allQueues().map((queue) => {
    const adapter = new BullMQAdapter(queue, { readOnlyMode, allowRetries: !readOnlyMode });
    adapter.setFormatter('data', idOnlyData);
    adapter.setFormatter('returnValue', idOnlyReturnValue);
    adapter.setFormatter('name', idOnlyName);
    adapter.setFormatter('progress', idOnlyProgress);
    return adapter;
  });
}

export function boardUiConfig(readOnly: boolean): UIConfig {
  return {
    boardTitle: readOnly ? 'Brygga queues (read-only)' : 'Brygga queues',
    miscLinks: [{ text: 'Operations page', url: '/admin' }],
    hideDocsLink: true,
    ...(readOnly && { environment: { label: 'read-only', color: '#6b7280' } }),
  };
}

/** The viewers' board: the same queues with bull-board's read-only mode, mounted by the dispatcher. */
export class ReadOnlyQueueBoard {
  private constructor(readonly router: RequestHandler) {}

  static create(producer: JobProducer): ReadOnlyQueueBoard {
    const serverAdapter = new ExpressAdapter();
    serverAdapter.setBasePath(QUEUE_BOARD_ROUTE);
    createBullBoard({ queues: boardQueues(producer, true), serverAdapter, options: { uiConfig: boardUiConfig(true) } });
    return new ReadOnlyQueueBoard(serverAdapter.getRouter() as RequestHandler);
  }
}
