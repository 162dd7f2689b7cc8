import { describe, expect, it } from 'vitest';
import { createKroEnvironment } from './createKroEnvironment.js';
import { listCelFunctions } from './listCelFunctions.js';
import { isKnownFunction, isNamespacedFunction, KRO_FUNCTION_NAMESPACES } from './namespacedFunctions.js';

describe('listCelFunctions', () => {
  const all = listCelFunctions({ omit: true, runtime: true });

  it('describes every entry and gives an example for most', () => {
    for (const f of all) expect(f.description, f.signature).not.toBe('');
    expect(all.filter((f) => f.example === '').length).toBe(0);
  });

  it('lists functions with CEL signatures', () => {
    const seeded = all.find((f) => f.qualifiedName === 'random.seededString')!;
    expect(seeded).toMatchObject({ kind: 'function', namespace: 'random', returns: 'string' });
    expect(seeded.signature).toBe('random.seededString(length: int, seed: string) -> string');
    const lower = all.find((f) => f.qualifiedName === 'lowerAscii')!;
    expect(lower).toMatchObject({ kind: 'method', receiver: 'string', signature: '<string>.lowerAscii() -> string' });
    expect(all.find((f) => f.qualifiedName === 'optional.ofNonZeroValue')).toMatchObject({ kind: 'function', namespace: 'optional' });
    expect(all.find((f) => f.qualifiedName === 'runtime.newCondition')).toMatchObject({ kind: 'macro', namespace: 'runtime' });
    expect(all.find((f) => f.name === 'first')!.returns).toBe('optional_type(T)');
    expect(all.some((f) => f.name.startsWith('@'))).toBe(false);
  });

  it('follows the options', () => {
    const base = listCelFunctions();
    expect(base.some((f) => f.qualifiedName === 'omit')).toBe(false);
    expect(base.some((f) => f.namespace === 'runtime')).toBe(false);
    expect(base.some((f) => f.qualifiedName === 'deepMerge')).toBe(false);
    expect(all.some((f) => f.qualifiedName === 'omit')).toBe(true);
  });

  it('lists only what type-checks in the environment', () => {
    const env = createKroEnvironment({ omit: true, runtime: true });
    for (const f of all.filter((x) => x.kind === 'function' && x.params.every((p) => /^(int|string|bool|double|bytes)$/.test(p.type)))) {
      const args = f.params.map((p) => ({ int: '1', string: '"1.2.3"', bool: 'true', double: '1.0', bytes: 'b"x"' })[p.type]).join(', ');
      expect(env.check(`${f.qualifiedName}(${args})`).valid, f.signature).toBe(true);
    }
  });
});

describe('isNamespacedFunction', () => {
  it('knows the library namespaces and nothing else', () => {
    expect(isNamespacedFunction('random', 'seededString')).toBe(true);
    expect(isNamespacedFunction('lists', 'range')).toBe(true);
    expect(isNamespacedFunction('base64', 'encode')).toBe(true);
    expect(isNamespacedFunction('ip', 'isCanonical')).toBe(true);
    expect(isNamespacedFunction('optional', 'of')).toBe(true);
    expect(isNamespacedFunction('cel', 'bind')).toBe(true);
    expect(isNamespacedFunction('random', 'nope')).toBe(false);
    expect(isNamespacedFunction('math', 'greatest')).toBe(false);
    expect(isNamespacedFunction('runtime', 'condition')).toBe(false);
    expect([...KRO_FUNCTION_NAMESPACES].sort()).toEqual(['base64', 'cel', 'hash', 'ip', 'json', 'lists', 'optional', 'random', 'strings']);
  });
});

describe('isKnownFunction', () => {
  it('knows declared names, member names included, and follows the options', () => {
    expect(['size', 'int', 'has', 'matches', 'quantity', 'url', 'lowerAscii', 'sort', 'sum', 'random.seededString', 'getHours'].every((n) => isKnownFunction(n))).toBe(true);
    expect(isKnownFunction('omit')).toBe(false);
    expect(isKnownFunction('omit', { omit: true })).toBe(true);
    expect(isKnownFunction('deepMerge')).toBe(false);
    expect(isKnownFunction('greatest')).toBe(false);
    expect(isKnownFunction('hex')).toBe(false);
    expect(isKnownFunction('seededString')).toBe(false);
  });
});
