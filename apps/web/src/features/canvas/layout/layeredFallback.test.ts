import { describe, expect, it } from 'vitest';
import { layeredFallback } from './layeredFallback';

const node = (id: string) => ({ id, width: 100, height: 50 });

describe('layeredFallback', () => {
  it('puts each node below its deepest dependency', () => {
    const p = layeredFallback([node('schema'), node('a'), node('b')], [
      { id: '1', source: 'schema', target: 'a' },
      { id: '2', source: 'a', target: 'b' },
      { id: '3', source: 'schema', target: 'b' },
    ]);
    expect(p.get('schema')!.y).toBeLessThan(p.get('a')!.y);
    expect(p.get('a')!.y).toBeLessThan(p.get('b')!.y);
  });

  it('places every node of a cycle', () => {
    const p = layeredFallback([node('a'), node('b')], [
      { id: '1', source: 'a', target: 'b' },
      { id: '2', source: 'b', target: 'a' },
    ]);
    expect([...p.keys()].sort()).toEqual(['a', 'b']);
    for (const v of p.values()) expect(Number.isFinite(v.x) && Number.isFinite(v.y)).toBe(true);
  });
});
