import { goQuote } from '../../simpleschema/goStrconv.js';
import { fn, overload, type CelLibrary } from './CelFunctionDef.js';
import { celError, succeeds } from './celValues.js';
import { NetipError, parseAddr, parsePrefix, type GoAddr, type GoPrefix } from './goNetip.js';

/** Kubernetes `library.IP()` and `library.CIDR()` (types `net.IP`, `net.CIDR`). */

export const IP_TYPE = 'net.IP';
export const CIDR_TYPE = 'net.CIDR';

/** A `net.IP` value. */
export class CelIP {
  readonly celTypeName = IP_TYPE;
  constructor(readonly addr: GoAddr) {}
  celEquals(o: unknown): boolean {
    return o instanceof CelIP && o.addr.equals(this.addr);
  }
}

/** A `net.CIDR` value. */
export class CelCIDR {
  readonly celTypeName = CIDR_TYPE;
  constructor(readonly prefix: GoPrefix) {}
  celEquals(o: unknown): boolean {
    return o instanceof CelCIDR && o.prefix.equals(this.prefix);
  }
}

function parseIPAddr(raw: string): GoAddr {
  let addr: GoAddr;
  try {
    addr = parseAddr(raw);
  } catch (e) {
    if (e instanceof NetipError) throw celError(`IP Address ${goQuote(raw)} parse error during conversion from string: ${e.message}`);
    throw e;
  }
  if (addr.zone !== '') throw celError(`IP address ${goQuote(raw)} with zone value is not allowed`);
  if (addr.is4In6) throw celError(`IPv4-mapped IPv6 address ${goQuote(raw)} is not allowed`);
  return addr;
}

const CIDR_PREFIX = 'network address parse error during conversion from string: ';

function parseCIDR(raw: string): GoPrefix {
  let p: GoPrefix;
  try {
    p = parsePrefix(raw);
  } catch (e) {
    // kro's stringToCIDR wraps parseCIDR's already wrapped error: the prefix appears twice.
    if (e instanceof NetipError) throw celError(`${CIDR_PREFIX}${CIDR_PREFIX}${e.message}`);
    throw e;
  }
  if (p.addr.is4In6) throw celError(`${CIDR_PREFIX}IPv4-mapped IPv6 address ${goQuote(raw)} is not allowed`);
  return p;
}

function containsIPString(c: CelCIDR, s: string): boolean {
  let ip: GoAddr;
  try {
    ip = parseIPAddr(s);
  } catch {
    // The Kubernetes library reports a failed conversion here as a missing overload.
    throw celError('no such overload');
  }
  return c.prefix.contains(ip);
}

function containsCIDR(c: CelCIDR, o: GoPrefix): boolean {
  return c.prefix.overlaps(o) && c.prefix.bits <= o.bits;
}

const IP = 'k8s.ip' as const;
const CIDR = 'k8s.cidr' as const;

/** The IP and CIDR libraries. */
export const ipLibrary: CelLibrary = {
  functions: [
    fn('ip', IP, 'Parses an IPv4 or IPv6 address (no zones, no IPv4-mapped IPv6).', `ip("10.0.0.1").family() // 4`, [
      overload(undefined, [['address', 'string']], IP_TYPE, (s: string) => new CelIP(parseIPAddr(s))),
    ]),
    fn('isIP', IP, 'Whether the string is an IP address ip() accepts.', `isIP("::1") // true`, [
      overload(undefined, [['value', 'string']], 'bool', (s: string) => succeeds(() => parseIPAddr(s))),
    ]),
    fn('ip.isCanonical', IP, 'Whether the address is written in its canonical form (an error if it is no address).', `ip.isCanonical("2001:db8::1") // true`, [
      overload(undefined, [['address', 'string']], 'bool', (s: string) => parseIPAddr(s).toString() === s),
    ]),
    fn('family', IP, 'The IP family: 4 or 6.', `ip("::1").family() // 6`, [overload(IP_TYPE, [], 'int', (ip: CelIP) => (ip.addr.is4 ? 4n : 6n))]),
    fn('isUnspecified', IP, 'Whether the address is 0.0.0.0 or ::.', `ip("0.0.0.0").isUnspecified() // true`, [
      overload(IP_TYPE, [], 'bool', (ip: CelIP) => ip.addr.isUnspecified),
    ]),
    fn('isLoopback', IP, 'Whether the address is a loopback address.', `ip("127.0.0.1").isLoopback() // true`, [
      overload(IP_TYPE, [], 'bool', (ip: CelIP) => ip.addr.isLoopback),
    ]),
    fn('isLinkLocalMulticast', IP, 'Whether the address is a link-local multicast address.', `ip("224.0.0.1").isLinkLocalMulticast() // true`, [
      overload(IP_TYPE, [], 'bool', (ip: CelIP) => ip.addr.isLinkLocalMulticast),
    ]),
    fn('isLinkLocalUnicast', IP, 'Whether the address is a link-local unicast address.', `ip("169.254.1.1").isLinkLocalUnicast() // true`, [
      overload(IP_TYPE, [], 'bool', (ip: CelIP) => ip.addr.isLinkLocalUnicast),
    ]),
    fn('isGlobalUnicast', IP, 'Whether the address is a global unicast address.', `ip("8.8.8.8").isGlobalUnicast() // true`, [
      overload(IP_TYPE, [], 'bool', (ip: CelIP) => ip.addr.isGlobalUnicast),
    ]),
    fn('cidr', CIDR, 'Parses a CIDR such as 10.0.0.0/8 or 2001:db8::/32.', `cidr("10.0.0.0/8").containsIP("10.1.2.3") // true`, [
      overload(undefined, [['value', 'string']], CIDR_TYPE, (s: string) => new CelCIDR(parseCIDR(s))),
    ]),
    fn('isCIDR', CIDR, 'Whether the string is a CIDR cidr() accepts.', `isCIDR("10.0.0.0/8") // true`, [
      overload(undefined, [['value', 'string']], 'bool', (s: string) => succeeds(() => parseCIDR(s))),
    ]),
    fn('containsIP', CIDR, 'Whether the CIDR contains the address.', `cidr("10.0.0.0/8").containsIP(ip("10.0.0.1")) // true`, [
      overload(CIDR_TYPE, [['address', 'string']], 'bool', (c: CelCIDR, s: string) => containsIPString(c, s)),
      overload(CIDR_TYPE, [['address', IP_TYPE]], 'bool', (c: CelCIDR, ip: CelIP) => c.prefix.contains(ip.addr)),
    ]),
    fn('containsCIDR', CIDR, 'Whether the CIDR contains the other CIDR.', `cidr("10.0.0.0/8").containsCIDR("10.1.0.0/16") // true`, [
      overload(CIDR_TYPE, [['other', 'string']], 'bool', (c: CelCIDR, s: string) => containsCIDR(c, parseCIDR(s))),
      overload(CIDR_TYPE, [['other', CIDR_TYPE]], 'bool', (c: CelCIDR, o: CelCIDR) => containsCIDR(c, o.prefix)),
    ]),
    fn('ip', CIDR, 'The address part of the CIDR, as written.', `cidr("10.0.0.1/8").ip() == ip("10.0.0.1")`, [
      overload(CIDR_TYPE, [], IP_TYPE, (c: CelCIDR) => new CelIP(c.prefix.addr)),
    ]),
    fn('prefixLength', CIDR, 'The prefix length.', `cidr("10.0.0.0/8").prefixLength() // 8`, [
      overload(CIDR_TYPE, [], 'int', (c: CelCIDR) => BigInt(c.prefix.bits)),
    ]),
    fn('masked', CIDR, 'The CIDR with the host bits cleared.', `string(cidr("10.1.2.3/8").masked()) // "10.0.0.0/8"`, [
      overload(CIDR_TYPE, [], CIDR_TYPE, (c: CelCIDR) => new CelCIDR(c.prefix.masked())),
    ]),
    fn('string', IP, 'The text of an IP address or CIDR.', `string(ip("::ffff:1:2")) // "::ffff:1:2"`, [
      overload(undefined, [['value', IP_TYPE]], 'string', (ip: CelIP) => ip.addr.toString()),
      overload(undefined, [['value', CIDR_TYPE]], 'string', (c: CelCIDR) => c.prefix.toString()),
    ]),
  ],
  types: [
    { name: IP_TYPE, ctor: CelIP },
    { name: CIDR_TYPE, ctor: CelCIDR },
  ],
  operators: [
    { signature: `${IP_TYPE} == ${IP_TYPE}`, handler: (a: CelIP, b: CelIP) => a.celEquals(b) },
    { signature: `${CIDR_TYPE} == ${CIDR_TYPE}`, handler: (a: CelCIDR, b: CelCIDR) => a.celEquals(b) },
  ],
};
