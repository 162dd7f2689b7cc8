/**
 * UTF-8 without `TextEncoder`/`TextDecoder` (not part of the pure core's ES2023 library). Decoding follows Go:
 * each invalid byte becomes U+FFFD, as `string(bytes)` and `strings.ToValidUTF8`-style readers see it.
 */

/** The UTF-8 bytes of a string; lone surrogates encode as U+FFFD like Go's conversion of invalid runes. */
export function encodeUtf8(s: string): Uint8Array {
  const out: number[] = [];
  for (const ch of s) {
    let cp = ch.codePointAt(0)!;
    if (cp >= 0xd800 && cp <= 0xdfff) cp = 0xfffd;
    if (cp < 0x80) out.push(cp);
    else if (cp < 0x800) out.push(0xc0 | (cp >> 6), 0x80 | (cp & 0x3f));
    else if (cp < 0x10000) out.push(0xe0 | (cp >> 12), 0x80 | ((cp >> 6) & 0x3f), 0x80 | (cp & 0x3f));
    else out.push(0xf0 | (cp >> 18), 0x80 | ((cp >> 12) & 0x3f), 0x80 | ((cp >> 6) & 0x3f), 0x80 | (cp & 0x3f));
  }
  return Uint8Array.from(out);
}

/** One decoded rune: its code point (U+FFFD when invalid) and how many bytes it used (1 when invalid). */
export function decodeRune(b: Uint8Array, i: number): { cp: number; size: number; valid: boolean } {
  const c = b[i]!;
  if (c < 0x80) return { cp: c, size: 1, valid: true };
  const cont = (k: number): number => {
    const x = b[i + k];
    return x !== undefined && (x & 0xc0) === 0x80 ? x & 0x3f : -1;
  };
  const bad = { cp: 0xfffd, size: 1, valid: false };
  if (c >= 0xc2 && c <= 0xdf) {
    const c1 = cont(1);
    return c1 < 0 ? bad : { cp: ((c & 0x1f) << 6) | c1, size: 2, valid: true };
  }
  if (c >= 0xe0 && c <= 0xef) {
    const c1 = cont(1);
    const c2 = cont(2);
    if (c1 < 0 || c2 < 0) return bad;
    const cp = ((c & 0x0f) << 12) | (c1 << 6) | c2;
    if (cp < 0x800 || (cp >= 0xd800 && cp <= 0xdfff)) return bad;
    return { cp, size: 3, valid: true };
  }
  if (c >= 0xf0 && c <= 0xf4) {
    const c1 = cont(1);
    const c2 = cont(2);
    const c3 = cont(3);
    if (c1 < 0 || c2 < 0 || c3 < 0) return bad;
    const cp = ((c & 0x07) << 18) | (c1 << 12) | (c2 << 6) | c3;
    if (cp < 0x10000 || cp > 0x10ffff) return bad;
    return { cp, size: 4, valid: true };
  }
  return bad;
}

/** Decodes UTF-8, replacing each invalid byte with U+FFFD. */
export function decodeUtf8(b: Uint8Array): string {
  let out = '';
  for (let i = 0; i < b.length; ) {
    const r = decodeRune(b, i);
    out += String.fromCodePoint(r.cp);
    i += r.size;
  }
  return out;
}

/** Whether the bytes are valid UTF-8 (Go's `utf8.Valid`). */
export function isValidUtf8(b: Uint8Array): boolean {
  for (let i = 0; i < b.length; ) {
    const r = decodeRune(b, i);
    if (!r.valid) return false;
    i += r.size;
  }
  return true;
}
