import { PermanentFailure } from '@brygga/domain';
import { pacedRead } from './paced-read';

class Refused extends PermanentFailure {
  readonly reasonCode = 'planning-refused';
  readonly status = 400;
}

describe('pacedRead: a reconciliation read, paced, tried again for a passing failure', () => {
  it.each<[string, Array<Error | string>, string, number]>([
    ['answered at once', ['record'], 'record', 1],
    ['a reset, then answered: the second attempt waits its turn too', [new Error('ECONNRESET'), 'record'], 'record', 2],
    ['two failures, then answered', [new Error('ECONNRESET'), new Error('503'), 'record'], 'record', 3],
    ['three failures: the last thrown', [new Error('ECONNRESET'), new Error('503'), new Error('timeout')], 'timeout', 3],
    ['a refusal: thrown at once, not tried again', [new Refused('refused'), 'record'], 'refused', 1],
  ])('%s', async (_name, answers, expected, paced) => {
    const turns: string[] = [];
    let call = 0;
    const result = pacedRead(
      async (tenant) => void turns.push(tenant),
      'kommunen',
      async () => {
        const answer = answers[call++];
        if (answer instanceof Error) throw answer;
        return answer;
      },
      [0, 0],
    );
    if (answers.includes(expected)) await expect(result).resolves.toBe(expected);
    else await expect(result).rejects.toThrow(expected);
    expect(turns).toEqual(Array(paced).fill('kommunen'));
  });
});
