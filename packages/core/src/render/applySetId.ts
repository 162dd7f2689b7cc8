import { sha256 } from '../cel/library/hashFunctions.js';
import { encodeUtf8 } from '../cel/library/utf8.js';

const URL_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

/** Base64 with the URL-safe alphabet and no padding (Go's `base64.RawURLEncoding`). */
export function base64UrlNoPad(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const n = (bytes[i]! << 16) | ((bytes[i + 1] ?? 0) << 8) | (bytes[i + 2] ?? 0);
    const chars = Math.min(4, Math.ceil(((bytes.length - i) * 8) / 6));
    for (let j = 0; j < chars; j++) out += URL_ALPHABET[(n >> (18 - 6 * j)) & 63];
  }
  return out;
}

/**
 * The ApplySet id of an instance (KEP-3659, kro's `applyset.ID`): `applyset-<base64url-nopad(sha256(
 * "<name>.<namespace>.<Kind>.<group>"))>-v1`; the namespace is empty for a cluster-scoped instance.
 */
export function applySetId(parent: { readonly name: string; readonly namespace: string; readonly kind: string; readonly group: string }): string {
  const text = [parent.name, parent.namespace, parent.kind, parent.group].join('.');
  return `applyset-${base64UrlNoPad(sha256(encodeUtf8(text)))}-v1`;
}
