import { goCanonicalClassName } from '../../simpleschema/unicodeClassName.js';

/** Character classes and case folding as Go's RE2 parser defines them, written as JavaScript `u`-mode regex text. */

/** A valid RE2 construct this translation cannot express in JavaScript. */
export class Untranslatable extends Error {
  constructor(
    message: string,
    readonly index: number,
  ) {
    super(message);
  }
}

export const hex = (cp: number): string => `\\u{${cp.toString(16)}}`;
export const lit = (cp: number): string => (/[0-9A-Za-z_ ]/.test(String.fromCodePoint(cp)) ? String.fromCodePoint(cp) : hex(cp));

/** Characters whose case-fold orbit has members that upper/lower-casing does not reach. */
const EXTRA_FOLDS: ReadonlyArray<readonly number[]> = [
  [0x4b, 0x6b, 0x212a],
  [0x53, 0x73, 0x17f],
  [0xc5, 0xe5, 0x212b],
  [0xb5, 0x39c, 0x3bc],
  [0x398, 0x3b8, 0x3d1, 0x3f4],
  [0x345, 0x399, 0x3b9, 0x1fbe],
  [0x392, 0x3b2, 0x3d0],
  [0x395, 0x3b5, 0x3f5],
  [0x39a, 0x3ba, 0x3f0],
  [0x3a0, 0x3c0, 0x3d6],
  [0x3a1, 0x3c1, 0x3f1],
  [0x3a3, 0x3c2, 0x3c3],
  [0x3a6, 0x3c6, 0x3d5],
  [0x3a9, 0x3c9, 0x2126],
  [0xdf, 0x1e9e],
  [0x1e60, 0x1e61, 0x1e9b],
];

/** The code points `(?i)` makes `cp` match. */
export function caseOrbit(cp: number): number[] {
  const out = new Set([cp]);
  const add = (s: string): void => {
    if ([...s].length === 1) out.add(s.codePointAt(0)!);
  };
  const c = String.fromCodePoint(cp);
  add(c.toLowerCase());
  add(c.toUpperCase());
  add(c.toUpperCase().toLowerCase());
  add(c.toLowerCase().toUpperCase());
  for (const orbit of EXTRA_FOLDS) if (orbit.some((x) => out.has(x))) orbit.forEach((x) => out.add(x));
  return [...out].sort((a, b) => a - b);
}

export type Range = readonly [number, number];

export const DIGIT: Range[] = [[0x30, 0x39]];
export const SPACE: Range[] = [[0x09, 0x0a], [0x0c, 0x0d], [0x20, 0x20]];
export const WORD: Range[] = [[0x30, 0x39], [0x41, 0x5a], [0x5f, 0x5f], [0x61, 0x7a]];
export const POSIX: Record<string, Range[]> = {
  alnum: [[0x30, 0x39], [0x41, 0x5a], [0x61, 0x7a]],
  alpha: [[0x41, 0x5a], [0x61, 0x7a]],
  ascii: [[0x00, 0x7f]],
  blank: [[0x09, 0x09], [0x20, 0x20]],
  cntrl: [[0x00, 0x1f], [0x7f, 0x7f]],
  digit: DIGIT,
  graph: [[0x21, 0x7e]],
  lower: [[0x61, 0x7a]],
  print: [[0x20, 0x7e]],
  punct: [[0x21, 0x2f], [0x3a, 0x40], [0x5b, 0x60], [0x7b, 0x7e]],
  space: [[0x09, 0x0d], [0x20, 0x20]],
  upper: [[0x41, 0x5a]],
  word: WORD,
  xdigit: [[0x30, 0x39], [0x41, 0x46], [0x61, 0x66]],
};

export function negate(ranges: readonly Range[]): Range[] {
  const out: Range[] = [];
  let next = 0;
  for (const [lo, hi] of [...ranges].sort((a, b) => a[0] - b[0])) {
    if (lo > next) out.push([next, lo - 1]);
    next = Math.max(next, hi + 1);
  }
  if (next <= 0x10ffff) out.push([next, 0x10ffff]);
  return out;
}

export const rangeText = (ranges: readonly Range[]): string => ranges.map(([a, b]) => (a === b ? hex(a) : `${hex(a)}-${hex(b)}`)).join('');

/** Go general-category names (canonical form) and their JavaScript property names. */
const CATEGORIES: ReadonlyMap<string, string> = new Map(
  (
    'L Lu Ll Lt Lm Lo M Mn Mc Me N Nd Nl No P Pc Pd Ps Pe Pi Pf Po S Sm Sc Sk So Z Zs Zl Zp C Cc Cf Co Cs Cn LC ' +
    'Letter Cased_Letter Uppercase_Letter Lowercase_Letter Titlecase_Letter Modifier_Letter Other_Letter Mark Combining_Mark ' +
    'Nonspacing_Mark Spacing_Mark Enclosing_Mark Number Decimal_Number Letter_Number Other_Number Punctuation ' +
    'Connector_Punctuation Dash_Punctuation Open_Punctuation Close_Punctuation Initial_Punctuation Final_Punctuation ' +
    'Other_Punctuation Symbol Math_Symbol Currency_Symbol Modifier_Symbol Other_Symbol Separator Space_Separator ' +
    'Line_Separator Paragraph_Separator Other Control Format Private_Use Surrogate Unassigned Any ASCII Assigned'
  )
    .split(' ')
    .map((n) => [goCanonicalClassName(n), n] as const)
    .concat([
      ['Cntrl', 'Cc'],
      ['Digit', 'Nd'],
      ['Punct', 'P'],
    ]),
);

export function unicodeProperty(name: string, index: number): string {
  const canonical = goCanonicalClassName(name);
  const category = CATEGORIES.get(canonical);
  const candidate = category ?? `Script=${canonical}`;
  try {
    new RegExp(`\\p{${candidate}}`, 'u');
  } catch {
    throw new Untranslatable(`Unicode class \\p{${name}} has no JavaScript equivalent`, index);
  }
  return candidate;
}
