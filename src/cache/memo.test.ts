import { describe, expect, it } from 'vitest';
import { memo } from './memo.ts';

/** A load that records which keys it was asked for, and answers each with its length. */
function counting() {
  const asked: string[][] = [];
  return {
    asked,
    load: async (keys: string[]) => {
      asked.push(keys);
      return new Map(keys.map((k) => [k, k.length]));
    },
  };
}

describe('memo', () => {
  it('loads the keys it does not hold by one call, once, and answers in the order asked', async () => {
    const m = memo<number | undefined>(100);
    const { asked, load } = counting();
    expect(await m.get('a', async () => 1)).toBe(1);
    expect(await m.getMany(['bb', 'a', 'ccc', 'bb'], load)).toEqual([2, 1, 3, 2]);
    expect(asked).toEqual([['bb', 'ccc']]);
    expect(await m.getMany(['ccc', 'bb'], load)).toEqual([3, 2]);
    expect(asked).toHaveLength(1);
    expect(await m.getMany([], load)).toEqual([]);
    expect(asked).toHaveLength(1);
  });

  it('shares a load in flight with a request for the same key', async () => {
    const m = memo<number | undefined>(100);
    const { asked, load } = counting();
    const [many, one] = await Promise.all([m.getMany(['dd', 'e'], load), m.get('dd', async () => -1)]);
    expect(many).toEqual([2, 1]);
    expect(one).toBe(2);
    expect(asked).toEqual([['dd', 'e']]);
  });

  it('remembers a key the load did not find, and forgets a failed load', async () => {
    const m = memo<number | undefined>(100);
    expect(await m.getMany(['x'], async () => new Map())).toEqual([undefined]);
    expect(await m.getMany(['x'], async () => new Map([['x', 9]]))).toEqual([undefined]);
    await expect(
      m.getMany(['y'], async () => {
        throw new Error('down');
      }),
    ).rejects.toThrow('down');
    expect(await m.getMany(['y'], async () => new Map([['y', 7]]))).toEqual([7]);
  });

  it('still answers every key when the keys are more than it holds', async () => {
    const m = memo<number | undefined>(2);
    const { load } = counting();
    expect(await m.getMany(['a', 'bb', 'ccc', 'dddd'], load)).toEqual([1, 2, 3, 4]);
    expect(m.size).toBe(2);
  });
});
