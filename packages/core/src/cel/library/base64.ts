/**
 * Go's `encoding/base64` standard alphabet, as cel-go's `base64.encode`/`base64.decode` use it: decoding tries the
 * padded encoding first and, on corrupt input, the unpadded one; `\r` and `\n` are skipped; errors are Go's
 * `illegal base64 data at input byte N`.
 */

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const DECODE = new Map<string, number>([...ALPHABET].map((c, i) => [c, i]));

/** `base64.StdEncoding.EncodeToString`. */
export function encodeBase64(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const b0 = bytes[i]!;
    const b1 = bytes[i + 1];
    const b2 = bytes[i + 2];
    const n = (b0 << 16) | ((b1 ?? 0) << 8) | (b2 ?? 0);
    out += ALPHABET[(n >> 18) & 63]! + ALPHABET[(n >> 12) & 63]!;
    out += b1 === undefined ? '=' : ALPHABET[(n >> 6) & 63]!;
    out += b2 === undefined ? '=' : ALPHABET[n & 63]!;
  }
  return out;
}

/** Go's `CorruptInputError`. */
export class Base64Error extends Error {
  constructor(readonly offset: number) {
    super(`illegal base64 data at input byte ${offset}`);
  }
}

/** Go's `Encoding.Decode` for the standard alphabet, with (`padded`) or without padding; not strict. */
export function decodeBase64(src: string, padded: boolean): Uint8Array {
  const out: number[] = [];
  let si = 0;
  while (si < src.length) {
    const quantum: number[] = [];
    let dlen = 4;
    let j = 0;
    for (; j < 4; j++) {
      if (si === src.length) {
        if (j === 0) return Uint8Array.from(out);
        if (j === 1 || padded) throw new Base64Error(si - j);
        dlen = j;
        break;
      }
      const c = src[si]!;
      si++;
      const v = DECODE.get(c);
      if (v !== undefined) {
        quantum.push(v);
        continue;
      }
      if (c === '\n' || c === '\r') {
        j--;
        continue;
      }
      if (!padded || c !== '=') throw new Base64Error(si - 1);
      // Padding: only after two or three symbols, `==` or `=`, then nothing but newlines.
      if (j === 0 || j === 1) throw new Base64Error(si - 1);
      if (j === 2) {
        while (si < src.length && (src[si] === '\n' || src[si] === '\r')) si++;
        if (si === src.length) throw new Base64Error(src.length);
        if (src[si] !== '=') throw new Base64Error(si - 1);
        si++;
      }
      while (si < src.length && (src[si] === '\n' || src[si] === '\r')) si++;
      if (si < src.length) throw new Base64Error(si);
      dlen = j;
      break;
    }
    const n = ((quantum[0] ?? 0) << 18) | ((quantum[1] ?? 0) << 12) | ((quantum[2] ?? 0) << 6) | (quantum[3] ?? 0);
    if (dlen >= 2) out.push((n >> 16) & 0xff);
    if (dlen >= 3) out.push((n >> 8) & 0xff);
    if (dlen >= 4) out.push(n & 0xff);
    if (dlen < 4) break;
  }
  return Uint8Array.from(out);
}

/** cel-go's `base64.decode`: padded first, unpadded when the padded form is corrupt. */
export function celBase64Decode(s: string): Uint8Array {
  try {
    return decodeBase64(s, true);
  } catch (e) {
    if (e instanceof Base64Error) return decodeBase64(s, false);
    throw e;
  }
}
