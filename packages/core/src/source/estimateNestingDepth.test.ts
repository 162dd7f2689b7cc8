import { describe, expect, it } from 'vitest';
import { estimateNestingDepth } from './estimateNestingDepth.js';

describe('estimateNestingDepth', () => {
  it('counts block indentation, compact sequences and flow brackets, ignoring quotes and comments', () => {
    expect(estimateNestingDepth('a:\n  b:\n    c: 1\n').depth).toBe(3);
    expect(estimateNestingDepth('- - - x\n').depth).toBe(4);
    expect(estimateNestingDepth('a: [[1], {b: [2]}]\n').depth).toBe(4);
    expect(estimateNestingDepth('a: "[[[[[" # [[[[\n').depth).toBe(1);
  });

  it('stops early past the limit and says where', () => {
    const text = 'x: ' + '['.repeat(100_000);
    expect(estimateNestingDepth(text, 256)).toEqual({ depth: 257, offset: 3 + 255 });
  });
});
