import { describe, expect, it } from 'vitest';
import { createKroEnvironment, KRO_ENVIRONMENT_OPTIONS } from './createKroEnvironment.js';
import { formatCelValue } from './formatCelValue.js';

const check = (expr: string, options = {}) => createKroEnvironment(options).check(expr);

describe('createKroEnvironment: type checking', () => {
  it.each([
    'random.seededString("10", "seed")',
    'random.seededInt(1, 2)',
    'hash.sha256(b"x")',
    'json.unmarshal(1)',
    'base64.encode("not bytes")',
    'lists.setAtIndex([1, 2], 0, "x")',
    '{"a": 1}.merge({"b": "x"})',
    '"abc".charAt("1")',
    '"a".replace(1, 2)',
    '[1, 2].join()',
    'quantity(1)',
    'ip("::1").isLessThan(ip("::2"))',
    'url("https://x").getPort(1)',
    '[[1]].sort()',
    '["a"].sum()',
    '[1].sortBy(x, [x])',
    '"%d".format(["a"])',
    '"x".find("(")',
  ])('rejects wrong argument types: %s', (expr) => {
    expect(check(expr).valid).toBe(false);
  });

  it.each([
    ['math.greatest(1, 2)', 'cel-go math extension'],
    ['sets.contains([1], [1])', 'cel-go sets extension'],
    ['b"x".hex()', 'a cel-js extra'],
    ['b"x".base64()', 'a cel-js extra'],
    ['"x".validate()', 'Kubernetes format library'],
    ['authorizer.path("/")', 'Kubernetes authz library'],
    ['{"a": 1}.deepMerge({"b": 2})', 'kro after v0.9.3'],
    ['omit()', 'behind the CELOmitFunction gate'],
    ['runtime.condition({}, "Ready")', 'status.conditions only'],
    ['semver("1.2", true)', 'Kubernetes semver library version 1'],
    ['random.nope(1)', 'no such namespaced function'],
    ['json.marshal', 'a namespace is no value'],
  ])('rejects %s (%s)', (expr) => {
    expect(check(expr).valid).toBe(false);
  });

  it('enables gated functions with their options', () => {
    expect(check('omit()', { omit: true }).valid).toBe(true);
    expect(check('runtime.condition({}, "Ready").status', { runtime: true }).type).toBe('string');
    expect(check('{"a": 1}.deepMerge({"b": 2})', { deepMerge: true }).valid).toBe(true);
  });

  it('types results like cel-go', () => {
    expect(check('random.seededString(5, "s")').type).toBe('string');
    expect(check('json.unmarshal("{}")').type).toBe('dyn');
    expect(check('lists.range(3)').type).toBe('list<int>');
    expect(check('[1, 2].sort()').type).toBe('list<int>');
    expect(check('dyn([1]).sort()').type).toBe('dyn');
    expect(check('[1, 2].sum()').type).toBe('int');
    expect(check('[1.5].max()').type).toBe('double');
    expect(check('{"a": 1}.transformMap(k, v, string(v))').type).toBe('map<string, string>');
    expect(check('[1, "a"]').type).toBe('list');
    expect(check('{"a": 1, "b": "x"}').type).toBe('map<string, dyn>');
    expect(check('quantity("1").add(1)').type).toBe('kubernetes.Quantity');
    expect(check('[optional.of(1)].unwrapOpt()').type).toBe('list<int>');
  });

  it('resolves namespaced functions before variables of the same name, as cel-go does', () => {
    const env = createKroEnvironment().clone(KRO_ENVIRONMENT_OPTIONS);
    env.registerVariable('json', 'map<string, string>');
    expect(env.check('json.marshal(json)').type).toBe('string');
    expect(env.evaluate('json.marshal(json)', { json: { a: 'b' } })).toBe('{"a":"b"}');
  });

  it('reports a plain method call on a non-namespace receiver', () => {
    const env = createKroEnvironment().clone();
    env.registerVariable('x', 'string');
    expect(env.check('x.marshal(1)').valid).toBe(false);
  });
});

describe('createKroEnvironment: clones keep kro semantics', () => {
  it('keeps the corrected built-ins after registrations on a clone (which rebuild cel-js tables)', () => {
    const base = createKroEnvironment();
    const child = base.clone(KRO_ENVIRONMENT_OPTIONS);
    child.registerType('TestObject', { fields: { name: 'string' } });
    child.registerVariable('obj', 'TestObject');
    child.registerFunction({ name: 'extra', params: [], returnType: 'int', handler: () => 1n });
    expect(child.evaluate('"ÄB".lowerAscii()')).toBe('Äb');
    expect(child.check('b"x".hex()').valid).toBe(false);
    expect(formatCelValue(child.evaluate('[3, 1].sort()'))).toBe('[1, 3]');
    const grandchild = child.clone();
    grandchild.registerVariable('n', 'int');
    expect(grandchild.evaluate('"😀ab".indexOf("b") + n', { n: 1n })).toBe(3n);
    expect(grandchild.check('dyn([1]).sum()').type).toBe('dyn');
  });

  it('does not change plain cel-js environments', async () => {
    createKroEnvironment();
    const { Environment } = await import('@marcbachmann/cel-js');
    expect(new Environment().evaluate('"ÄB".lowerAscii()')).toBe('äb');
  });

  it('creates independent environments per validation (their cost is measured by the benchmarks)', () => {
    const envs = Array.from({ length: 4 }, (_, i) => createKroEnvironment({ runtime: i % 2 === 0 }));
    expect(new Set(envs).size).toBe(4);
    for (const env of envs) expect(env.evaluate('[1, 2].size()')).toBe(2n);
  });
});
