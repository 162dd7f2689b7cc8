import { fn, overload, type CelLibrary } from './CelFunctionDef.js';
import { celError, makeCelMap } from './celValues.js';
import { escapedPath, GoUrlError, hostname, parseRequestUri, parseUrl, port, query, urlString, type GoUrl } from './goUrl.js';

/** Kubernetes `library.URLs()` (type `kubernetes.URL`). */

export const URL_TYPE = 'kubernetes.URL';

/** A `kubernetes.URL` value. */
export class CelURL {
  readonly celTypeName = URL_TYPE;
  constructor(readonly url: GoUrl) {}
  celEquals(o: unknown): boolean {
    return o instanceof CelURL && urlString(o.url) === urlString(this.url);
  }
}

function toUrl(s: string): CelURL {
  try {
    parseRequestUri(s);
    return new CelURL(parseUrl(s));
  } catch (e) {
    if (e instanceof GoUrlError) throw celError(`URL parse error during conversion from string: ${e.message}`);
    throw e;
  }
}

function isURL(s: string): boolean {
  try {
    parseRequestUri(s);
    return true;
  } catch (e) {
    if (e instanceof GoUrlError) return false;
    throw e;
  }
}

const L = 'k8s.urls' as const;
const U = URL_TYPE;

/** The URL library. */
export const urlLibrary: CelLibrary = {
  functions: [
    fn('url', L, 'Parses an absolute URI or absolute path (Go url.ParseRequestURI must accept it).', `url("https://example.com:8080/a?x=1").getPort() // "8080"`, [
      overload(undefined, [['value', 'string']], U, (s: string) => toUrl(s)),
    ]),
    fn('isURL', L, 'Whether url() accepts the string.', `isURL("https://example.com") // true`, [overload(undefined, [['value', 'string']], 'bool', (s: string) => isURL(s))]),
    fn('getScheme', L, 'The scheme, or "".', `url("https://example.com").getScheme() // "https"`, [overload(U, [], 'string', (u: CelURL) => u.url.scheme)]),
    fn('getHost', L, 'The host with its port, IPv6 addresses in brackets.', `url("https://[::1]:80/").getHost() // "[::1]:80"`, [
      overload(U, [], 'string', (u: CelURL) => u.url.host),
    ]),
    fn('getHostname', L, 'The host without port or brackets.', `url("https://[::1]:80/").getHostname() // "::1"`, [
      overload(U, [], 'string', (u: CelURL) => hostname(u.url)),
    ]),
    fn('getPort', L, 'The port, or "".', `url("https://example.com:8443").getPort() // "8443"`, [overload(U, [], 'string', (u: CelURL) => port(u.url))]),
    fn('getEscapedPath', L, 'The path, percent-encoded.', `url("https://example.com/a%20b").getEscapedPath() // "/a%20b"`, [
      overload(U, [], 'string', (u: CelURL) => escapedPath(u.url)),
    ]),
    fn('getQuery', L, 'The query parameters as a map of value lists.', `url("https://x.io/?a=1&a=2").getQuery() // {"a": ["1", "2"]}`, [
      overload(U, [], 'map<string, list<string>>', (u: CelURL) => makeCelMap([...query(u.url).entries()])),
    ]),
  ],
  types: [{ name: U, ctor: CelURL }],
  operators: [{ signature: `${U} == ${U}`, handler: (a: CelURL, b: CelURL) => a.celEquals(b) }],
};
