import { goQuote } from '../../simpleschema/goStrconv.js';

/**
 * Go's `net/netip` address and prefix parsing and printing (`ParseAddr`, `ParsePrefix`, `Addr.String`), which the
 * Kubernetes IP and CIDR libraries and Go's URL host validation build on. Errors carry Go's text.
 */

export class NetipError extends Error {}

/** An IP address: 32 or 128 bits, with an optional IPv6 zone. */
export class GoAddr {
  constructor(
    readonly bitLen: 32 | 128,
    readonly value: bigint,
    readonly zone = '',
  ) {}

  get is4(): boolean {
    return this.bitLen === 32;
  }

  get is6(): boolean {
    return this.bitLen === 128;
  }

  /** An IPv4-mapped IPv6 address (`::ffff:a.b.c.d`). */
  get is4In6(): boolean {
    return this.is6 && this.value >> 32n === 0xffffn;
  }

  unmap(): GoAddr {
    return this.is4In6 ? new GoAddr(32, this.value & 0xffffffffn) : this;
  }

  equals(o: GoAddr): boolean {
    return this.bitLen === o.bitLen && this.value === o.value && this.zone === o.zone;
  }

  private byte(i: number): number {
    return Number((this.value >> BigInt((this.bitLen / 8 - 1 - i) * 8)) & 0xffn);
  }

  private u16(i: number): number {
    return Number((this.value >> BigInt((7 - i) * 16)) & 0xffffn);
  }

  get isUnspecified(): boolean {
    return this.value === 0n && this.zone === '';
  }

  get isLoopback(): boolean {
    const a = this.unmap();
    return a.is4 ? a.byte(0) === 127 : a.value === 1n;
  }

  get isMulticast(): boolean {
    const a = this.unmap();
    return a.is4 ? (a.byte(0) & 0xf0) === 0xe0 : a.byte(0) === 0xff;
  }

  get isLinkLocalUnicast(): boolean {
    const a = this.unmap();
    return a.is4 ? a.byte(0) === 169 && a.byte(1) === 254 : (a.u16(0) & 0xffc0) === 0xfe80;
  }

  get isLinkLocalMulticast(): boolean {
    const a = this.unmap();
    return a.is4 ? a.byte(0) === 224 && a.byte(1) === 0 && a.byte(2) === 0 : (a.u16(0) & 0xff0f) === 0xff02;
  }

  get isGlobalUnicast(): boolean {
    const a = this.unmap();
    if (a.is4 && (a.value === 0n || a.value === 0xffffffffn)) return false;
    if (a.is6 && a.value === 0n) return false;
    return !a.isLoopback && !a.isMulticast && !a.isLinkLocalUnicast;
  }

  toString(): string {
    if (this.is4) return [0, 1, 2, 3].map((i) => this.byte(i)).join('.');
    const zone = this.zone ? `%${this.zone}` : '';
    if (this.is4In6) return `::ffff:${this.unmap().toString()}${zone}`;
    // RFC 5952: the longest run (>= 2) of zero groups, the first one on ties, becomes "::".
    let zs = -1;
    let ze = -1;
    for (let i = 0; i < 8; i++) {
      let j = i;
      while (j < 8 && this.u16(j) === 0) j++;
      if (j - i >= 2 && j - i > ze - zs) [zs, ze] = [i, j];
    }
    let out = '';
    for (let i = 0; i < 8; i++) {
      if (i === zs) {
        out += '::';
        i = ze - 1;
        continue;
      }
      if (i > 0 && !out.endsWith(':')) out += ':';
      out += this.u16(i).toString(16);
    }
    return out + zone;
  }
}

function addrError(input: string, msg: string, at?: string): NetipError {
  return new NetipError(`ParseAddr(${goQuote(input)}): ${msg}${at ? ` (at ${goQuote(at)})` : ''}`);
}

function parseIPv4Fields(input: string, s: string): number[] {
  const fields: number[] = [];
  let val = 0;
  let digits = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s[i]!;
    if (c >= '0' && c <= '9') {
      if (digits === 1 && val === 0) throw addrError(input, 'IPv4 field has octet with leading zero');
      val = val * 10 + (c.charCodeAt(0) - 48);
      digits++;
      if (val > 255) throw addrError(input, 'IPv4 field has value >255');
    } else if (c === '.') {
      if (i === 0 || i === s.length - 1 || s[i - 1] === '.') throw addrError(input, 'IPv4 field must have at least one digit', s.slice(i));
      if (fields.length === 3) throw addrError(input, 'IPv4 address too long');
      fields.push(val);
      val = 0;
      digits = 0;
    } else throw addrError(input, 'unexpected character', s.slice(i));
  }
  if (fields.length < 3) throw addrError(input, 'IPv4 address too short');
  fields.push(val);
  return fields;
}

function parseIPv6(input: string): GoAddr {
  let s = input;
  let zone = '';
  const pct = s.indexOf('%');
  if (pct >= 0) {
    zone = s.slice(pct + 1);
    s = s.slice(0, pct);
    if (zone === '') throw addrError(input, 'zone must be a non-empty string');
  }
  const ip = new Array<number>(16).fill(0);
  let ellipsis = -1;
  if (s.startsWith('::')) {
    ellipsis = 0;
    s = s.slice(2);
    if (s === '') return new GoAddr(128, 0n, zone);
  }
  let i = 0;
  while (i < 16) {
    let off = 0;
    let acc = 0;
    for (; off < s.length; off++) {
      const d = parseInt(s[off]!, 16);
      if (Number.isNaN(d)) break;
      acc = acc * 16 + d;
      if (off > 3) throw addrError(input, 'each group must have 4 or less digits', s);
      if (acc > 0xffff) throw addrError(input, 'IPv6 field has value >=2^16', s);
    }
    if (off === 0) throw addrError(input, 'each colon-separated field must have at least one digit', s);
    if (off < s.length && s[off] === '.') {
      if (ellipsis < 0 && i !== 12) throw addrError(input, 'embedded IPv4 address must replace the final 2 fields of the address', s);
      if (i + 4 > 16) throw addrError(input, 'too many hex fields to fit an embedded IPv4 at the end of the address', s);
      parseIPv4Fields(input, s).forEach((b, k) => (ip[i + k] = b));
      s = '';
      i += 4;
      break;
    }
    ip[i] = acc >> 8;
    ip[i + 1] = acc & 0xff;
    i += 2;
    s = s.slice(off);
    if (s === '') break;
    if (s[0] !== ':') throw addrError(input, 'unexpected character, want colon', s);
    if (s.length === 1) throw addrError(input, 'colon must be followed by more characters', s);
    s = s.slice(1);
    if (s[0] === ':') {
      if (ellipsis >= 0) throw addrError(input, 'multiple :: in address', s);
      ellipsis = i;
      s = s.slice(1);
      if (s === '') break;
    }
  }
  if (s !== '') throw addrError(input, 'trailing garbage after address', s);
  if (i < 16) {
    if (ellipsis < 0) throw addrError(input, 'address string too short');
    const n = 16 - i;
    for (let j = i - 1; j >= ellipsis; j--) ip[j + n] = ip[j]!;
    for (let j = ellipsis; j < ellipsis + n; j++) ip[j] = 0;
  } else if (ellipsis >= 0) throw addrError(input, 'the :: must expand to at least one field of zeros');
  return new GoAddr(128, ip.reduce((v, b) => (v << 8n) | BigInt(b), 0n), zone);
}

/** `netip.ParseAddr`. */
export function parseAddr(s: string): GoAddr {
  for (const c of s) {
    if (c === '.') return new GoAddr(32, parseIPv4Fields(s, s).reduce((v, b) => (v << 8n) | BigInt(b), 0n));
    if (c === ':') return parseIPv6(s);
    if (c === '%') throw addrError(s, 'missing IPv6 address');
  }
  throw addrError(s, 'unable to parse IP');
}

/** An address with a prefix length, as `netip.Prefix` keeps it (the address is not masked). */
export class GoPrefix {
  constructor(
    readonly addr: GoAddr,
    readonly bits: number,
  ) {}

  private mask(): bigint {
    const len = BigInt(this.addr.bitLen);
    return ((1n << len) - 1n) ^ ((1n << (len - BigInt(this.bits))) - 1n);
  }

  masked(): GoPrefix {
    return new GoPrefix(new GoAddr(this.addr.bitLen, this.addr.value & this.mask()), this.bits);
  }

  contains(ip: GoAddr): boolean {
    if (ip.zone !== '' || ip.bitLen !== this.addr.bitLen) return false;
    return ((ip.value ^ this.addr.value) & this.mask()) === 0n;
  }

  overlaps(o: GoPrefix): boolean {
    if (this.addr.bitLen !== o.addr.bitLen) return false;
    const bits = Math.min(this.bits, o.bits);
    if (bits === 0) return true;
    return new GoPrefix(this.addr, bits).masked().addr.value === new GoPrefix(o.addr, bits).masked().addr.value;
  }

  equals(o: GoPrefix): boolean {
    return this.bits === o.bits && this.addr.equals(o.addr);
  }

  toString(): string {
    return `${this.addr.toString()}/${this.bits}`;
  }
}

/** `netip.ParsePrefix`. */
export function parsePrefix(s: string): GoPrefix {
  const fail = (msg: string): NetipError => new NetipError(`netip.ParsePrefix(${goQuote(s)}): ${msg}`);
  const slash = s.lastIndexOf('/');
  if (slash < 0) throw fail("no '/'");
  let addr: GoAddr;
  try {
    addr = parseAddr(s.slice(0, slash));
  } catch (e) {
    if (e instanceof NetipError) throw fail(e.message);
    throw e;
  }
  if (addr.is6 && addr.zone !== '') throw fail('IPv6 zones cannot be present in a prefix');
  const bitsText = s.slice(slash + 1);
  if ((bitsText.length > 1 && (bitsText[0]! < '1' || bitsText[0]! > '9')) || !/^[+-]?\d+$/.test(bitsText)) {
    throw fail(`bad bits after slash: ${goQuote(bitsText)}`);
  }
  const bits = Number(bitsText);
  if (bits < 0 || bits > addr.bitLen) throw fail('prefix length out of range');
  return new GoPrefix(addr, bits);
}
