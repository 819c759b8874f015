import { workerData } from 'node:worker_threads';
import { configureXmlLimits, type XmlLimits } from '@brygga/xml-intake';
import { PUSH_PARSERS, PushParse, PushSystem } from './push-parsers';

/** A parse thread's task: which system pushed, and the document's bytes (copied across). */
export interface PushParseTask {
  system: PushSystem;
  bytes: Uint8Array;
}

// The same limits as the API that started this thread: a thread is a process setting of its own.
configureXmlLimits((workerData as { limits: XmlLimits }).limits);

/** Piscina calls the default export once per task. */
export default function parsePush(task: PushParseTask): PushParse<unknown> {
  return PUSH_PARSERS[task.system](task.bytes);
}
