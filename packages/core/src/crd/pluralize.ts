import { FLECT_ACRONYMS, FLECT_DICTIONARY, FLECT_SUFFIXES } from './flectWords.js';

/**
 * The plural kro gives a word: a re-implementation of `flect.Pluralize` from gobuffalo/flect v1.0.3, which kro
 * v0.9.3 calls on the lower-cased kind to name the generated CRD (`pkg/graph/crd/crd.go`).
 *
 * Behaviour matches flect for any input, not only kinds: dictionary words (`person` → `people`, `index` →
 * `indices`), uncountables (`equipment`), compound words through dictionary suffix rules (`salesperson` →
 * `salespeople`, `price` → `price` because of `rice`), the ordered suffix rules (`policy` → `policies`, `proxy` →
 * `proxies`, `ingress` → `ingresses`, `status` → `statuses`), words already plural left alone, otherwise `+s`;
 * only the last word of a multi-word identifier (`_`, `-`, space, case change) is inflected.
 *
 * Not reproduced: flect also loads `inflections.json` / `acronyms.json` from the process's working directory at
 * start-up; kro's controller image ships neither.
 */
export function pluralize(word: string): string {
  const parts = toParts(word);
  const last = parts[parts.length - 1];
  if (last === undefined) return '';

  const whole = SINGLE_TO_PLURAL.get(word);
  if (whole !== undefined) return whole;
  if (PLURAL_TO_SINGLE.has(word)) return word;

  const lower = goLower(last);
  if (PLURAL_TO_SINGLE.has(lower)) return word;
  const known = SINGLE_TO_PLURAL.get(lower);
  if (known !== undefined) {
    return replaceSuffix(word, last, last === capitalize(last) ? capitalize(known) : known);
  }

  for (const rule of PLURAL_RULES) {
    if (last.endsWith(rule.suffix)) {
      return replaceSuffix(word, last, rule.replacement === undefined ? last : last.slice(0, last.length - rule.suffix.length) + rule.replacement);
    }
  }
  return lower.endsWith('s') ? word : `${word}s`;
}

interface PluralRule {
  readonly suffix: string;
  /** `undefined`: the word already ends in a plural form and stays as it is. */
  readonly replacement: string | undefined;
}

const SINGLE_TO_PLURAL = new Map<string, string>();
const PLURAL_TO_SINGLE = new Map<string, string>();
for (const w of FLECT_DICTIONARY) {
  const plural = w.plural ?? w.singular;
  SINGLE_TO_PLURAL.set(w.singular, plural);
  if (!w.unidirectional) {
    PLURAL_TO_SINGLE.set(plural, w.singular);
    if (w.alternative !== undefined) PLURAL_TO_SINGLE.set(w.alternative, w.singular);
  }
}

/**
 * flect builds its rule list by prepending, pair by pair, `(pluralSuffix → unchanged)` then
 * `(singularSuffix → pluralSuffix)`: first every suffix-list entry (last to first), then every non-exact
 * dictionary word (first to last). The net order is: dictionary words newest-first, then the suffix list in order,
 * each singular rule preceded by its "already plural" guard.
 */
const PLURAL_RULES: readonly PluralRule[] = (() => {
  const rules: PluralRule[] = [];
  const insert = (singular: string, plural: string) => {
    rules.unshift({ suffix: singular, replacement: plural });
    rules.unshift({ suffix: plural, replacement: undefined });
  };
  for (let i = FLECT_SUFFIXES.length - 1; i >= 0; i--) {
    const entry = FLECT_SUFFIXES[i];
    if (entry !== undefined) insert(entry[0], entry[1]);
  }
  for (const w of FLECT_DICTIONARY) {
    if (!w.exact) insert(w.singular, w.plural ?? w.singular);
  }
  return rules;
})();

/** Go's `strings.TrimSuffix(s, suffix) + replacement`. */
function replaceSuffix(s: string, suffix: string, replacement: string): string {
  return (s.endsWith(suffix) ? s.slice(0, s.length - suffix.length) : s) + replacement;
}

/** Characters flect treats as word separators, besides Unicode white space. */
const SEPARATORS = ['_', ' ', ':', '-', '/'];
const UPPER = /^\p{Lu}$/u;
const WORD_CHAR = /^[\p{L}\p{Nd}\p{P}`]$/u;
const WHITE_SPACE = /^\p{White_Space}$/u;

const isSeparator = (c: string) => SEPARATORS.includes(c) || WHITE_SPACE.test(c);
const isUpper = (c: string) => UPPER.test(c);

/** flect's `toParts`: split an identifier into words at separators and lower→upper case changes. */
function toParts(input: string): string[] {
  const parts: string[] = [];
  const s = trimWhiteSpace(input);
  if (s.length === 0) return parts;
  if (FLECT_ACRONYMS.has(goUpper(s))) return [goUpper(s)];

  let prev = '';
  let current = '';
  const flush = () => {
    let p = trimWhiteSpace(current);
    for (const sep of SEPARATORS) p = trimChar(p, sep);
    if (FLECT_ACRONYMS.has(goUpper(p))) p = goUpper(p);
    if (p !== '') parts.push(p);
  };
  for (const c of s) {
    // Lone surrogates are the only code points Go would call invalid runes.
    const cp = c.codePointAt(0) ?? 0;
    if (cp >= 0xd800 && cp <= 0xdfff) continue;

    if (isSeparator(c)) {
      flush();
      current = c;
      prev = c;
    } else if (isUpper(c) && !isUpper(prev)) {
      flush();
      current = c;
      prev = c;
    } else if (isUpper(c) && FLECT_ACRONYMS.has(goUpper(current))) {
      flush();
      current = c;
      prev = c;
    } else if (WORD_CHAR.test(c)) {
      prev = c;
      current += c;
    } else {
      flush();
      current = '';
      prev = c;
    }
  }
  flush();
  return parts;
}

function trimWhiteSpace(s: string): string {
  const chars = [...s];
  let start = 0;
  let end = chars.length;
  while (start < end && WHITE_SPACE.test(chars[start] ?? '')) start++;
  while (end > start && WHITE_SPACE.test(chars[end - 1] ?? '')) end--;
  return chars.slice(start, end).join('');
}

function trimChar(s: string, c: string): string {
  let start = 0;
  let end = s.length;
  while (start < end && s[start] === c) start++;
  while (end > start && s[end - 1] === c) end--;
  return s.slice(start, end);
}

/** flect's `Capitalize`: title-case the first code point (Go `unicode.ToTitle`). */
function capitalize(s: string): string {
  if (toParts(s).length === 0) return '';
  const first = String.fromCodePoint(s.codePointAt(0) ?? 0);
  return goTitle(first) + s.slice(first.length);
}

// Go maps case one code point at a time with simple (1:1) mappings; JavaScript applies full mappings that can
// change the length (ß → SS). These helpers keep only 1:1 results, which is what Go's tables contain.
function mapCodePoints(s: string, f: (c: string) => string): string {
  let out = '';
  for (const c of s) {
    const m = f(c);
    out += [...m].length === 1 ? m : c;
  }
  return out;
}

function goLower(s: string): string {
  return mapCodePoints(s, (c) => (c === '\u0130' ? 'i' : c.toLowerCase()));
}

function goUpper(s: string): string {
  return mapCodePoints(s, (c) => c.toUpperCase());
}

/** Title case differs from upper case only for the Latin digraphs and Georgian letters (title = itself). */
function goTitle(c: string): string {
  const cp = c.codePointAt(0) ?? 0;
  const digraph = DIGRAPH_TITLE.find(([from, to]) => cp >= from && cp <= to);
  if (digraph !== undefined) return String.fromCodePoint(digraph[2]);
  if ((cp >= 0x10d0 && cp <= 0x10fa) || (cp >= 0x10fd && cp <= 0x10ff)) return c;
  return goUpper(c);
}

const DIGRAPH_TITLE: readonly (readonly [number, number, number])[] = [
  [0x01c4, 0x01c6, 0x01c5],
  [0x01c7, 0x01c9, 0x01c8],
  [0x01ca, 0x01cc, 0x01cb],
  [0x01f1, 0x01f3, 0x01f2],
];
