import { Base64Error, celBase64Decode, encodeBase64 } from './base64.js';
import { fn, overload, type CelLibrary } from './CelFunctionDef.js';
import { celError } from './celValues.js';

/** cel-go `ext.Encoders()`: `base64.encode` / `base64.decode`. */
export const encodersLibrary: CelLibrary = {
  functions: [
    fn('base64.encode', 'ext.encoders', 'Encodes bytes as standard, padded base64.', `base64.encode(b"hello") // "aGVsbG8="`, [
      overload(undefined, [['value', 'bytes']], 'string', (b: Uint8Array) => encodeBase64(b)),
    ]),
    fn(
      'base64.decode',
      'ext.encoders',
      'Decodes standard base64, with or without padding, to bytes.',
      `string(base64.decode("aGVsbG8=")) // "hello"`,
      [
        overload(undefined, [['value', 'string']], 'bytes', (s: string) => {
          try {
            return celBase64Decode(s);
          } catch (e) {
            if (e instanceof Base64Error) throw celError(e.message);
            throw e;
          }
        }),
      ],
    ),
  ],
};
