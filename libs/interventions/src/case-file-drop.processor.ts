import { createReadStream } from 'node:fs';
import { access, mkdir, readdir, rename, writeFile } from 'node:fs/promises';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { Inject, Injectable } from '@nestjs/common';
import { Job, UnrecoverableError } from 'bullmq';
import type Redis from 'ioredis';
import { DocumentRejectedError, parseUppdragElement, splitUppdragStream, UppdragContext, UppdragResult } from '@brygga/case-system';
import { FLOW_LOGGER, type FlowLogger, REDIS } from '@brygga/flow-kernel';
import { JobHandlers, type JobHandlerProvider, JobProducer, type JobPayloads } from '@brygga/queue';
import { AssignmentIntake } from './assignment-intake.service';
import { CASE_DROP_DIR, DATA_KEYS } from './interventions.tokens';
import type { DataKeys } from './redis-keys';

/** Assignments handed to the intake at a time, so a 200 MB file never sits in memory. */
const INTAKE_CHUNK = 200;
const SCAN_LOCK_MS = 30_000;

const DROP_FOLDERS = { processing: 'processing', processed: 'processed', rejected: 'rejected' } as const;

/**
 * The file-drop way in: complete `*.xml` files (never `*.xml.part`) are claimed by an
 * atomic rename into processing/, streamed assignment by assignment, then moved to
 * processed/, or to rejected/ beside a `.reason.txt` when the document itself is bad.
 */
@Injectable()
@JobHandlers()
export class CaseFileDropProcessor implements JobHandlerProvider {
  constructor(
    @Inject(CASE_DROP_DIR) private readonly dir: string,
    @Inject(REDIS) private readonly redis: Redis,
    @Inject(DATA_KEYS) private readonly keys: DataKeys,
    private readonly intake: AssignmentIntake,
    private readonly producer: JobProducer,
    @Inject(FLOW_LOGGER) private readonly logger: FlowLogger,
  ) {}

  handlers() {
    return { 'case-file.import': (job: Job<JobPayloads['case-file.import']>) => this.import(job) };
  }

  /** One scan: claims new files and queues them (and re-queues claimed ones after a crash). */
  async scan(): Promise<number> {
    const lock = await this.redis.set(this.keys.lock('drop-scan'), '1', 'PX', SCAN_LOCK_MS, 'NX');
    if (lock !== 'OK') return 0;
    try {
      await Promise.all(Object.values(DROP_FOLDERS).map((f) => mkdir(join(this.dir, f), { recursive: true })));
      const fresh = (await readdir(this.dir)).filter((name) => name.endsWith('.xml'));
      for (const name of fresh) await moveInto(join(this.dir, name), join(this.dir, DROP_FOLDERS.processing), name);
      const claimed = (await readdir(join(this.dir, DROP_FOLDERS.processing))).filter((name) => name.endsWith('.xml'));
      await this.producer.enqueueBulk(
        'case-file.import',
        claimed.map((fileName) => ({ data: { v: 1 as const, fileName }, opts: { jobId: `file-${createHash('sha256').update(fileName).digest('hex').slice(0, 32)}` } })),
      );
      return fresh.length;
    } finally {
      await this.redis.del(this.keys.lock('drop-scan'));
    }
  }

  async import(job: Job<JobPayloads['case-file.import']>): Promise<{ assignments: number; quarantined: number }> {
    const { v, fileName } = job.data;
    if (v !== 1) throw new UnrecoverableError(`case-file.import payload version ${String(v)} is not known`);
    if (fileName.includes('/') || fileName.includes('\\') || !fileName.endsWith('.xml')) throw new UnrecoverableError(`case-file.import: refusing file name '${fileName}'`);
    const path = join(this.dir, DROP_FOLDERS.processing, fileName);
    const totals = { assignments: 0, quarantined: 0 };
    try {
      let context: UppdragContext | undefined;
      let pending: UppdragResult[] = [];
      const flush = async () => {
        const counts = await this.intake.accept(pending, `file:${fileName}`);
        totals.assignments += pending.length;
        totals.quarantined += counts.quarantined;
        pending = [];
      };
      for await (const item of splitUppdragStream(createReadStream(path, { highWaterMark: 256 * 1024 }))) {
        if (item.kind === 'header') context = item.context;
        else if (context) pending.push(parseUppdragElement(item.xml, context));
        if (pending.length >= INTAKE_CHUNK) await flush();
      }
      await flush();
    } catch (error) {
      if (!(error instanceof DocumentRejectedError)) throw error;
      const rejectedAs = await moveInto(path, join(this.dir, DROP_FOLDERS.rejected), fileName);
      // Written aside and renamed, so that whoever watches rejected/ never reads a half-written reason.
      const reasonFile = join(this.dir, DROP_FOLDERS.rejected, `${rejectedAs}.reason.txt`);
      await writeFile(`${reasonFile}.part`, `${error.message}\n`, 'utf8');
      await rename(`${reasonFile}.part`, reasonFile);
      this.logger.warn(`dropped file ${fileName} rejected: ${error.message}`);
      return totals;
    }
    await moveInto(path, join(this.dir, DROP_FOLDERS.processed), fileName);
    return totals;
  }
}

/**
 * Moves a file into a folder under its own name, or under `<name>.<n>.xml` when that is
 * taken: a second file of the same name (a re-delivery) must never replace one that is
 * still being processed, nor an archived one. Returns the name it got.
 */
async function moveInto(from: string, folder: string, name: string): Promise<string> {
  const stem = name.slice(0, -'.xml'.length);
  for (let n = 0; ; n++) {
    const candidate = n === 0 ? name : `${stem}.${n}.xml`;
    const taken = await access(join(folder, candidate)).then(
      () => true,
      () => false,
    );
    if (!taken) {
      await rename(from, join(folder, candidate));
      return candidate;
    }
  }
}
