import { DocumentIntake } from './document.intake';
import type { DocumentStore } from './document.store';
import { NO_FLOW_OUTCOMES } from './flow-outcome.observer';

type Step = string;

/** A flow's intake over a store that records what happens, in order. */
class RecordingIntake extends DocumentIntake<{ items: number }> {
  constructor(
    documents: DocumentStore,
    private readonly steps: Step[],
    private readonly failAccept = false,
  ) {
    super(documents, 'test-system', NO_FLOW_OUTCOMES);
  }

  protected async acceptDocument(parsed: { items: number }, documentId: string): Promise<void> {
    if (this.failAccept) throw new Error('queue down');
    this.steps.push(`accept ${parsed.items} of ${documentId}`);
  }
}

function store(steps: Step[], failPut = false): DocumentStore {
  const put = async (bytes: Buffer, meta: { source: string; system: string }): Promise<string> => {
    if (failPut) throw new Error('redis down');
    steps.push(`put ${bytes.length} bytes from ${meta.source} for ${meta.system}`);
    return 'doc-1';
  };
  return { put } as unknown as DocumentStore;
}

describe('DocumentIntake', () => {
  it('stores the raw document first, then accepts its items under the stored id, and answers that id', async () => {
    const steps: Step[] = [];
    const id = await new RecordingIntake(store(steps), steps).receiveDocument(Buffer.from('<x/>'), { items: 3 }, 'push');
    expect(id).toBe('doc-1');
    expect(steps).toEqual(['put 4 bytes from push for test-system', 'accept 3 of doc-1']);
  });

  it.each([
    ['the raw document cannot be stored: nothing is accepted', true, false, 'redis down', []],
    ['accepting fails: the raw document stays, the sender is not acknowledged', false, true, 'queue down', ['put 4 bytes from feed for test-system']],
  ])('%s', async (_case, failPut, failAccept, error, expected) => {
    const steps: Step[] = [];
    const intake = new RecordingIntake(store(steps, failPut), steps, failAccept);
    await expect(intake.receiveDocument(Buffer.from('<x/>'), { items: 1 }, 'feed')).rejects.toThrow(error);
    expect(steps).toEqual(expected);
  });
});
