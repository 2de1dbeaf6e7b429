import { describe, expect, it } from 'vitest';
import { freeSpot } from './free-spot.js';

describe('freeSpot', () => {
  it('keeps the wanted place when it is free and steps clear of taken boxes', () => {
    const size = { width: 100, height: 50 };
    expect(freeSpot({ x: 0, y: 0 }, size, [])).toEqual({ x: 0, y: 0 });
    const first = freeSpot({ x: 0, y: 0 }, size, [{ x: 10, y: 10, ...size }]);
    expect(first.x >= 134 || first.y >= 84).toBe(true);
    // Two palette clicks at the same point never stack.
    const taken = [{ x: 0, y: 0, ...size }];
    const second = freeSpot({ x: 3, y: 4 }, size, taken);
    taken.push({ ...second, ...size });
    const third = freeSpot({ x: 3, y: 4 }, size, taken);
    expect(third).not.toEqual(second);
    expect(freeSpot({ x: 0, y: 0 }, size, [{ x: 0, y: 0, ...size }], 'down').y).toBeGreaterThan(50);
  });
});
