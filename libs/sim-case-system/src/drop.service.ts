import { Inject, Injectable } from '@nestjs/common';
import { mkdir, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { stockholmTimestamp } from './calendar';
import { CASE_SYSTEM_SIM_OPTIONS, ResolvedSimOptions } from './case-system-sim.options';
import { CaseSystemStore, renderEntry } from './case-system.store';
import { documentBatches } from './change-batches';
import { encodeExport, encodingForDocument } from './export-document.writer';

export interface DropResult {
  files: number;
  assignments: number;
}

/**
 * The file-drop channel: writes not-yet-dropped changes as documents into a directory,
 * each first as `*.xml.part` and then renamed, as an SFTP delivery completes. Names
 * carry the zero-padded sequence number so that sorting them gives sequence order.
 */
@Injectable()
export class DropService {
  constructor(
    private readonly store: CaseSystemStore,
    @Inject(CASE_SYSTEM_SIM_OPTIONS) private readonly options: ResolvedSimOptions,
  ) {}

  async drop(dir: string, batchSize: number): Promise<DropResult> {
    await mkdir(dir, { recursive: true });
    const result: DropResult = { files: 0, assignments: 0 };
    for (const batch of documentBatches(this.store.changesAfter(this.store.droppedUpTo), batchSize)) {
      const sekvens = batch[batch.length - 1].seq;
      const header = { skapad: stockholmTimestamp(this.options.now()), sekvens, kalla: this.options.kalla };
      const body = encodeExport(header, batch.map(renderEntry), encodingForDocument(this.store.dropDocuments));
      const name = `uppdrag-${String(sekvens).padStart(12, '0')}.xml`;
      await writeFile(join(dir, `${name}.part`), body);
      await rename(join(dir, `${name}.part`), join(dir, name));
      this.store.droppedUpTo = sekvens;
      this.store.dropDocuments += 1;
      result.files += 1;
      result.assignments += batch.length;
    }
    return result;
  }
}
