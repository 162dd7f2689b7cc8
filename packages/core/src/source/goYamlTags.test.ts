import { describe, expect, it } from 'vitest';
import { toPlain } from './LocatedNode.js';
import { parseYamlSource } from './parseYamlSource.js';

const plain = (text: string) => toPlain(parseYamlSource(text).value.documents[0]!.root!);

describe('plain scalars resolve as go-yaml v2 (kubectl, kro) resolves them', () => {
  it('keeps exponent-only and point-only words strings', () => {
    expect(plain('a: e5\nb: E3\nc: .\nd: .e3\n')).toEqual({ a: 'e5', b: 'E3', c: '.', d: '.e3' });
  });
  it('reads real floats', () => {
    expect(plain('a: 1e3\nb: .5\nc: 1.\nd: -1.5E+2\ne: 1_000.5\n')).toEqual({ a: 1000, b: 0.5, c: 1, d: -150, e: 1000.5 });
  });
  it('has no base-60 numbers', () => {
    expect(plain('ports: 22:22\ntime: 1:30:00\n')).toEqual({ ports: '22:22', time: '1:30:00' });
  });
  it('reads integers with Go prefixes and YAML 1.1 octal', () => {
    expect(plain('a: 0x1F\nb: 0o17\nc: 017\nd: 1_000\ne: 0b101\n')).toEqual({ a: 31, b: 15, c: 15, d: 1000, e: 5 });
  });
  it('keeps YAML 1.1 booleans', () => {
    expect(plain('a: yes\nb: off\n')).toEqual({ a: true, b: false });
  });
});
