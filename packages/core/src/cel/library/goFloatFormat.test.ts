import { describe, expect, it } from 'vitest';
import { formatGoExponent, formatGoFixed, formatGoJsonFloat, formatGoShortestFixed, formatGoShortestG } from './goFloatFormat.js';

// Expected texts were printed by Go 1.26 (fmt.Sprintf / strconv.FormatFloat / encoding/json).
describe('Go float formatting', () => {
  it('%g (strconv g, -1)', () => {
    expect([1e6, 123456, 1234567, 1e20, 1e-4, 1e-5, 0.1, 1.2345678901234568e17].map(formatGoShortestG)).toEqual([
      '1e+06',
      '123456',
      '1.234567e+06',
      '1e+20',
      '0.0001',
      '1e-05',
      '0.1',
      '1.2345678901234568e+17',
    ]);
    expect([NaN, Infinity, -Infinity, -0].map(formatGoShortestG)).toEqual(['NaN', '+Inf', '-Inf', '-0']);
  });

  it('%.Nf rounds the exact binary value half to even', () => {
    expect(formatGoFixed(2.5, 0)).toBe('2');
    expect(formatGoFixed(3.5, 0)).toBe('4');
    expect(formatGoFixed(1.005, 2)).toBe('1.00');
    expect(formatGoFixed(2.675, 2)).toBe('2.67');
    expect(formatGoFixed(123456789012345680, 0)).toBe('123456789012345680');
    expect(formatGoFixed(1e22, 2)).toBe('10000000000000000000000.00');
    expect(formatGoFixed(-0.0001, 2)).toBe('-0.00');
  });

  it('%.Ne', () => {
    expect(formatGoExponent(1234.5678, 6)).toBe('1.234568e+03');
    expect(formatGoExponent(0, 6)).toBe('0.000000e+00');
    expect(formatGoExponent(0.000123, 2)).toBe('1.23e-04');
    expect(formatGoExponent(9.95, 1)).toBe('9.9e+00');
  });

  it('shortest f and JSON', () => {
    expect(formatGoShortestFixed(1e21)).toBe('1000000000000000000000');
    expect(formatGoShortestFixed(1e-7)).toBe('0.0000001');
    expect([1e21, 1e20, 1e-6, 1e-7, -0].map(formatGoJsonFloat)).toEqual(['1e+21', '100000000000000000000', '0.000001', '1e-7', '-0']);
  });
});
