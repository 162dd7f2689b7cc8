import { goQuote } from '../../simpleschema/goStrconv.js';
import { NetipError, parseAddr } from './goNetip.js';
import { decodeUtf8, encodeUtf8 } from './utf8.js';

/**
 * Go's `net/url` (Go 1.26) as the Kubernetes URL library uses it: `ParseRequestURI` to validate, `Parse` to build,
 * and the `Hostname`, `Port`, `EscapedPath`, `Query` and `String` accessors. Errors carry Go's text.
 */

export class GoUrlError extends Error {}

type Mode = 'path' | 'host' | 'zone' | 'userPassword' | 'queryComponent' | 'fragment';

/** Go's `shouldEscape` for one byte. */
function shouldEscape(c: number, mode: Mode): boolean {
  if ((c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) || (c >= 0x30 && c <= 0x39)) return false;
  const ch = String.fromCharCode(c);
  if ((mode === 'host' || mode === 'zone') && `!$&'()*+,;=:[]<>"`.includes(ch)) return false;
  if ('-_.~'.includes(ch)) return false;
  if ('$&+,/:;=?@'.includes(ch)) {
    switch (mode) {
      case 'path':
        return ch === '?';
      case 'userPassword':
        return '@/?:'.includes(ch);
      case 'queryComponent':
        return true;
      case 'fragment':
        return false;
    }
  }
  if (mode === 'fragment' && '!()*'.includes(ch)) return false;
  return true;
}

const isHex = (c: string | undefined): boolean => c !== undefined && /^[0-9A-Fa-f]$/.test(c);

/** Go's `unescape`; throws Go's `EscapeError` / `InvalidHostError` text. */
function unescape(s: string, mode: Mode): string {
  const bytes = encodeUtf8(s);
  const text = (from: number, to: number): string => decodeUtf8(bytes.slice(from, to));
  let n = 0;
  let hasPlus = false;
  for (let i = 0; i < bytes.length; ) {
    const c = bytes[i]!;
    if (c === 0x25) {
      n++;
      if (i + 2 >= bytes.length || !isHex(String.fromCharCode(bytes[i + 1]!)) || !isHex(String.fromCharCode(bytes[i + 2]!))) {
        throw new GoUrlError(`invalid URL escape ${goQuote(text(i, Math.min(i + 3, bytes.length)))}`);
      }
      const v = parseInt(String.fromCharCode(bytes[i + 1]!, bytes[i + 2]!), 16);
      if (mode === 'host' && v >> 4 < 8 && text(i, i + 3) !== '%25') throw new GoUrlError(`invalid URL escape ${goQuote(text(i, i + 3))}`);
      if (mode === 'zone' && text(i, i + 3) !== '%25' && v !== 0x20 && shouldEscape(v, 'host')) throw new GoUrlError(`invalid URL escape ${goQuote(text(i, i + 3))}`);
      i += 3;
    } else if (c === 0x2b) {
      hasPlus = mode === 'queryComponent';
      i++;
    } else {
      if ((mode === 'host' || mode === 'zone') && c < 0x80 && shouldEscape(c, mode)) {
        throw new GoUrlError(`invalid character ${goQuote(String.fromCharCode(c))} in host name`);
      }
      i++;
    }
  }
  if (n === 0 && !hasPlus) return s;
  const out: number[] = [];
  for (let i = 0; i < bytes.length; i++) {
    const c = bytes[i]!;
    if (c === 0x25) {
      out.push(parseInt(String.fromCharCode(bytes[i + 1]!, bytes[i + 2]!), 16));
      i += 2;
    } else if (c === 0x2b) out.push(mode === 'queryComponent' ? 0x20 : 0x2b);
    else out.push(c);
  }
  return decodeUtf8(Uint8Array.from(out));
}

/** Go's `escape`. */
function escape(s: string, mode: Mode): string {
  let out = '';
  for (const c of encodeUtf8(s)) {
    if (c === 0x20 && mode === 'queryComponent') out += '+';
    else if (shouldEscape(c, mode)) out += `%${c.toString(16).toUpperCase().padStart(2, '0')}`;
    else out += String.fromCharCode(c);
  }
  return out;
}

export interface GoUrl {
  readonly scheme: string;
  readonly opaque: string;
  readonly user?: { readonly username: string; readonly password?: string };
  readonly host: string;
  readonly path: string;
  readonly rawPath: string;
  readonly rawQuery: string;
  readonly forceQuery: boolean;
  readonly omitHost: boolean;
  readonly fragment: string;
  readonly rawFragment: string;
}

function getScheme(raw: string): [string, string] {
  for (let i = 0; i < raw.length; i++) {
    const c = raw[i]!;
    if (/[A-Za-z]/.test(c)) continue;
    if (/[0-9+\-.]/.test(c)) {
      if (i === 0) return ['', raw];
      continue;
    }
    if (c === ':') {
      if (i === 0) throw new GoUrlError('missing protocol scheme');
      return [raw.slice(0, i), raw.slice(i + 1)];
    }
    return ['', raw];
  }
  return ['', raw];
}

function validOptionalPort(port: string): boolean {
  return port === '' || /^:[0-9]*$/.test(port);
}

function parseHost(scheme: string, host: string): string {
  const open = host.lastIndexOf('[');
  if (open > 0) throw new GoUrlError('invalid IP-literal');
  if (open === 0) {
    const close = host.lastIndexOf(']');
    if (close < 0) throw new GoUrlError("missing ']' in host");
    const colonPort = host.slice(close + 1);
    if (!validOptionalPort(colonPort)) throw new GoUrlError(`invalid port ${goQuote(colonPort)} after host`);
    const port = unescape(colonPort, 'host');
    const hostname = host.slice(1, close);
    const zone = hostname.indexOf('%25');
    const name = zone >= 0 ? unescape(hostname.slice(0, zone), 'host') + unescape(hostname.slice(zone), 'zone') : unescape(hostname, 'host');
    try {
      if (parseAddr(name).is4) throw new GoUrlError('invalid IP-literal');
    } catch (e) {
      if (e instanceof NetipError) throw new GoUrlError(`invalid host: ${e.message}`);
      throw e;
    }
    return `[${name}]${port}`;
  }
  const first = host.indexOf(':');
  if (first >= 0) {
    // urlstrictcolons (Go 1.26 default): http(s) hosts take the first colon, others the last.
    const i = scheme === 'http' || scheme === 'https' ? first : host.lastIndexOf(':');
    const colonPort = host.slice(i);
    if (!validOptionalPort(colonPort)) throw new GoUrlError(`invalid port ${goQuote(colonPort)} after host`);
  }
  return unescape(host, 'host');
}

function validUserinfo(s: string): boolean {
  return /^[A-Za-z0-9\-._:~!$&'()*+,;=%@]*$/.test(s);
}

function parse(raw: string, viaRequest: boolean): GoUrl {
  // eslint-disable-next-line no-control-regex -- control bytes are what Go rejects here
  if (/[\u0000-\u001f\u007f]/.test(raw)) throw new GoUrlError('net/url: invalid control character in URL');
  if (raw === '' && viaRequest) throw new GoUrlError('empty url');
  const base = { opaque: '', host: '', rawQuery: '', forceQuery: false, omitHost: false, fragment: '', rawFragment: '' };
  if (raw === '*') return { ...base, scheme: '', path: '*', rawPath: '' };
  let [scheme, rest] = getScheme(raw);
  scheme = scheme.toLowerCase();
  let rawQuery = '';
  let forceQuery = false;
  if (rest.endsWith('?') && rest.split('?').length === 2) {
    forceQuery = true;
    rest = rest.slice(0, -1);
  } else {
    const q = rest.indexOf('?');
    if (q >= 0) [rest, rawQuery] = [rest.slice(0, q), rest.slice(q + 1)];
  }
  if (!rest.startsWith('/')) {
    if (scheme !== '') return { ...base, scheme, opaque: rest, path: '', rawPath: '', rawQuery, forceQuery };
    if (viaRequest) throw new GoUrlError('invalid URI for request');
    if (rest.split('/')[0]!.includes(':')) throw new GoUrlError('first path segment in URL cannot contain colon');
  }
  let host = '';
  let user: GoUrl['user'];
  let omitHost = false;
  if ((scheme !== '' || (!viaRequest && !rest.startsWith('///'))) && rest.startsWith('//')) {
    let authority = rest.slice(2);
    rest = '';
    const slash = authority.indexOf('/');
    if (slash >= 0) [authority, rest] = [authority.slice(0, slash), authority.slice(slash)];
    const at = authority.lastIndexOf('@');
    host = parseHost(scheme, at < 0 ? authority : authority.slice(at + 1));
    if (at >= 0) {
      const info = authority.slice(0, at);
      if (!validUserinfo(info)) throw new GoUrlError('net/url: invalid userinfo');
      const colon = info.indexOf(':');
      user = colon < 0 ? { username: unescape(info, 'userPassword') } : { username: unescape(info.slice(0, colon), 'userPassword'), password: unescape(info.slice(colon + 1), 'userPassword') };
    }
  } else if (scheme !== '' && rest.startsWith('/')) omitHost = true;
  const path = unescape(rest, 'path');
  const rawPath = escape(path, 'path') === rest ? '' : rest;
  return { ...base, scheme, host, path, rawPath, rawQuery, forceQuery, omitHost, ...(user ? { user } : {}) };
}

const wrap = (raw: string, f: () => GoUrl): GoUrl => {
  try {
    return f();
  } catch (e) {
    if (e instanceof GoUrlError) throw new GoUrlError(`parse ${goQuote(raw)}: ${e.message}`);
    throw e;
  }
};

/** `url.ParseRequestURI`. */
export function parseRequestUri(raw: string): GoUrl {
  return wrap(raw, () => parse(raw, true));
}

/** `url.Parse` (fragment split off first). */
export function parseUrl(raw: string): GoUrl {
  const hash = raw.indexOf('#');
  const u = hash < 0 ? raw : raw.slice(0, hash);
  const parsed = wrap(u, () => parse(u, false));
  if (hash < 0) return parsed;
  const frag = raw.slice(hash + 1);
  const fragment = wrap(raw, () => ({ ...parsed, fragment: unescape(frag, 'fragment') })).fragment;
  return { ...parsed, fragment, rawFragment: escape(fragment, 'fragment') === frag ? '' : frag };
}

function validEncoded(s: string, mode: Mode): boolean {
  for (const c of encodeUtf8(s)) {
    if (`!$&'()*+,;=:@[]%`.includes(String.fromCharCode(c))) continue;
    if (shouldEscape(c, mode)) return false;
  }
  return true;
}

/** `URL.EscapedPath`. */
export function escapedPath(u: GoUrl): string {
  if (u.rawPath !== '' && validEncoded(u.rawPath, 'path')) {
    try {
      if (unescape(u.rawPath, 'path') === u.path) return u.rawPath;
    } catch (e) {
      if (!(e instanceof GoUrlError)) throw e;
    }
  }
  if (u.path === '*') return '*';
  return escape(u.path, 'path');
}

function splitHostPort(hostPort: string): [string, string] {
  let host = hostPort;
  let port = '';
  const colon = host.lastIndexOf(':');
  if (colon >= 0 && validOptionalPort(host.slice(colon))) [host, port] = [host.slice(0, colon), host.slice(colon + 1)];
  if (host.startsWith('[') && host.endsWith(']')) host = host.slice(1, -1);
  return [host, port];
}

export const hostname = (u: GoUrl): string => splitHostPort(u.host)[0];
export const port = (u: GoUrl): string => splitHostPort(u.host)[1];

/** `URL.Query()`: `ParseQuery` with errors ignored (bad pairs skipped). */
export function query(u: GoUrl): Map<string, string[]> {
  const out = new Map<string, string[]>();
  let rest = u.rawQuery;
  while (rest !== '') {
    const amp = rest.indexOf('&');
    let pair = amp < 0 ? rest : rest.slice(0, amp);
    rest = amp < 0 ? '' : rest.slice(amp + 1);
    if (pair.includes(';') || pair === '') continue;
    const eq = pair.indexOf('=');
    let value = '';
    if (eq >= 0) [pair, value] = [pair.slice(0, eq), pair.slice(eq + 1)];
    try {
      const k = unescape(pair, 'queryComponent');
      const v = unescape(value, 'queryComponent');
      out.set(k, [...(out.get(k) ?? []), v]);
    } catch (e) {
      if (!(e instanceof GoUrlError)) throw e;
    }
  }
  return out;
}

/** `URL.String()`. */
export function urlString(u: GoUrl): string {
  let out = u.scheme !== '' ? `${u.scheme}:` : '';
  if (u.opaque !== '') out += u.opaque;
  else {
    if (u.scheme !== '' || u.host !== '' || u.user) {
      if (!(u.omitHost && u.host === '' && !u.user)) {
        if (u.host !== '' || u.path !== '' || u.user) out += '//';
        if (u.user) out += `${escape(u.user.username, 'userPassword')}${u.user.password !== undefined ? `:${escape(u.user.password, 'userPassword')}` : ''}@`;
        if (u.host !== '') out += escape(u.host, 'host');
      }
    }
    const path = escapedPath(u);
    if (path !== '' && path[0] !== '/' && u.host !== '') out += '/';
    if (out === '' && path.split('/')[0]!.includes(':')) out += './';
    out += path;
  }
  if (u.forceQuery || u.rawQuery !== '') out += `?${u.rawQuery}`;
  if (u.fragment !== '') {
    const f = u.rawFragment !== '' && validEncoded(u.rawFragment, 'fragment') && unescape(u.rawFragment, 'fragment') === u.fragment ? u.rawFragment : escape(u.fragment, 'fragment');
    out += `#${f}`;
  }
  return out;
}
