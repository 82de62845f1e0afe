/**
 * The benchmark pages' parameters (app/bench/_lib/harness): both engines time
 * the open on a settled page unless `?settle=0` asks for the older method.
 */
import { describe, expect, it } from 'vitest';
import { readParams, settleBeforeOpen } from '@/app/bench/_lib/harness';

describe('bench parameters', () => {
  it('settles before the open by default, and not with ?settle=0', () => {
    expect(readParams('?shape=wide&n=10000').settleOpen).toBe(true);
    expect(readParams('?shape=wide&n=10000&settle=1').settleOpen).toBe(true);
    expect(readParams('?shape=wide&n=10000&settle=0').settleOpen).toBe(false);
  });

  it('reads the shape, size and depth as before', () => {
    expect(readParams('?shape=wide&n=10000&seed=3&depth=3')).toEqual({ shape: 'wide', n: 10000, seed: 3, depth: 3, node: null, settleOpen: true });
    expect(readParams('?n=90000').n).toBe(50000);
  });

  it('does not wait at all when the open is not to be settled', async () => {
    await expect(settleBeforeOpen({ settleOpen: false })).resolves.toBe(0);
  });
});
