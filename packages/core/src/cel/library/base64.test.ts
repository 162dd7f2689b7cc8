import { describe, expect, it } from 'vitest';
import { Base64Error, celBase64Decode, decodeBase64, encodeBase64 } from './base64.js';

describe('base64', () => {
  it('encodes like Buffer for every length mod 3', () => {
    for (let n = 0; n < 40; n++) {
      const bytes = Uint8Array.from({ length: n }, (_, i) => (i * 37 + n) & 0xff);
      expect(encodeBase64(bytes)).toBe(Buffer.from(bytes).toString('base64'));
      expect(Buffer.from(celBase64Decode(encodeBase64(bytes))).equals(Buffer.from(bytes))).toBe(true);
    }
  });

  it('accepts unpadded input only through the fallback, as cel-go does', () => {
    expect(() => decodeBase64('YQ', true)).toThrow(Base64Error);
    expect(Array.from(celBase64Decode('YQ'))).toEqual([0x61]);
  });

  it('skips newlines and reports Go byte offsets', () => {
    expect(Array.from(celBase64Decode('Y\nQ=\r\n='))).toEqual([0x61]);
    expect(() => celBase64Decode('a!b=')).toThrow('illegal base64 data at input byte 1');
    expect(() => celBase64Decode('abcde')).toThrow('illegal base64 data at input byte 4');
  });
});
