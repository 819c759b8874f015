import { ExpressAdapter } from '@bull-board/express';
import { BullBoardModule, type BullBoardInstance, InjectBullBoard } from '@bull-board/nestjs';
import { type DynamicModule, Injectable, Module, type ModuleMetadata, type OnModuleInit } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { JobProducer } from '@brygga/queue';
import { QueueBoardDispatcher } from './queue-board.dispatcher';
import { boardQueues, boardUiConfig, QUEUE_BOARD_ROUTE, ReadOnlyQueueBoard } from './queue-boards';

/** Puts every queue on the full board once the app's producer exists. */
@Injectable()
class FullBoardQueues implements OnModuleInit {
  constructor(
    @InjectBullBoard() private readonly board: BullBoardInstance,
    private readonly producer: JobProducer,
  ) {}

  onModuleInit(): void {
    this.board.setQueues(boardQueues(this.producer, false));
  }
}

/** The dispatcher and the read-only board, on the API role's admin access and audit log. */
@Module({})
class QueueBoardAccessModule {}

/**
 * bull-board at /admin/queues, two boards on one route. The full board (operators and
 * admins) is @bull-board/nestjs's: its root module mounts the Express router on the route
 * with the dispatcher in front. The read-only board (viewers) is mounted by hand, behind
 * the dispatcher: @bull-board/nestjs holds one board per application (its instance and
 * adapter are global providers under fixed tokens, and its route is matched once), while
 * bull-board's read-only mode is a property of each queue adapter, not of a request; so
 * the honest read-only view is a second board with its own adapters, which the module
 * cannot register a second time.
 */
@Module({})
export class QueueBoardModule {
  static register(imports: NonNullable<ModuleMetadata['imports']>): DynamicModule {
    const access: DynamicModule = {
      module: QueueBoardAccessModule,
      imports,
      providers: [{ provide: ReadOnlyQueueBoard, inject: [JobProducer], useFactory: (producer: JobProducer) => ReadOnlyQueueBoard.create(producer) }, QueueBoardDispatcher],
      exports: [QueueBoardDispatcher],
    };
    return {
      module: QueueBoardModule,
      imports: [
        BullBoardModule.forRootAsync({
          imports: [access],
          inject: [QueueBoardDispatcher],
          useFactory: (dispatcher: QueueBoardDispatcher) => ({
            route: QUEUE_BOARD_ROUTE,
            adapter: ExpressAdapter,
            middleware: (req: Request, res: Response, next: NextFunction) => dispatcher.handle(req, res, next),
            boardOptions: { uiConfig: boardUiConfig(false) },
          }),
        }),
      ],
      providers: [FullBoardQueues],
    };
  }
}
