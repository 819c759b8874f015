import type { ChainableCommander } from 'ioredis';
import { DocumentIntake, type IncomingDocument } from './document.intake';
import type { DocumentStore } from './document.store';
import { type FlowOutcomeObserver, NO_FLOW_OUTCOMES } from './flow-outcome.observer';

type Step = string;

/** A transaction that records what is added to it, and what ran once it is executed. */
function recordingMulti(steps: Step[]): { multi: ChainableCommander; exec(fail?: boolean): void } {
  const added: Step[] = [];
  return {
    multi: { added } as unknown as ChainableCommander,
    exec: (fail = false) => {
      if (fail) throw new Error('redis down');
      steps.push(`exec [${added.join(', ')}]`);
    },
  };
}

/** A flow's intake over a store that records what happens, in order. */
class RecordingIntake extends DocumentIntake<{ items: number }> {
  constructor(
    documents: DocumentStore,
    private readonly steps: Step[],
    private readonly failExec = false,
    observer: FlowOutcomeObserver = { ...NO_FLOW_OUTCOMES, event: (e) => steps.push(`told ${e.kind}`) },
  ) {
    super(documents, 'test-system', observer);
  }

  protected async acceptDocument(parsed: { items: number }, document: IncomingDocument): Promise<void> {
    const tx = recordingMulti(this.steps);
    document.storeIn(tx.multi);
    (tx.multi as unknown as { added: Step[] }).added.push(`accept ${parsed.items} of ${document.id}`);
    const tell = this.journalIn(tx.multi, [document.received]);
    tx.exec(this.failExec);
    tell();
  }
}

function store(): DocumentStore {
  const putIn = (multi: ChainableCommander, bytes: Buffer, meta: { source: string; system: string }, id: string): string => {
    (multi as unknown as { added: Step[] }).added.push(`put ${bytes.length} bytes from ${meta.source} for ${meta.system} as ${id}`);
    return id;
  };
  return { putIn } as unknown as DocumentStore;
}

describe('DocumentIntake', () => {
  it('stores the raw document in the flow transaction, before its items, under the id it answers; journals it once stored', async () => {
    const steps: Step[] = [];
    const id = await new RecordingIntake(store(), steps).receiveDocument(Buffer.from('<x/>'), { items: 3 }, 'push');
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    expect(steps).toEqual([`exec [put 4 bytes from push for test-system as ${id}, accept 3 of ${id}]`, 'told document.received']);
  });

  it('an observer that journals in the transaction gets the document received in it, and is not told again after', async () => {
    const steps: Step[] = [];
    const observer: FlowOutcomeObserver = {
      ...NO_FLOW_OUTCOMES,
      event: (e) => steps.push(`told ${e.kind}`),
      eventsIn: (multi, events) => (multi as unknown as { added: Step[] }).added.push(...events.map((e) => `journal ${e.kind} ${e.refs.documentId}`)),
    };
    const id = await new RecordingIntake(store(), steps, false, observer).receiveDocument(Buffer.from('<x/>'), { items: 2 }, 'push');
    expect(steps).toEqual([`exec [put 4 bytes from push for test-system as ${id}, accept 2 of ${id}, journal document.received ${id}]`]);
  });

  it('the transaction fails: nothing is stored, nothing journalled, the sender is not acknowledged', async () => {
    const steps: Step[] = [];
    const intake = new RecordingIntake(store(), steps, true);
    await expect(intake.receiveDocument(Buffer.from('<x/>'), { items: 1 }, 'feed')).rejects.toThrow('redis down');
    expect(steps).toEqual([]);
  });
});
