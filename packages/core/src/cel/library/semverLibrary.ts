import { goQuote } from '../../simpleschema/goStrconv.js';
import { fn, overload, type CelLibrary } from './CelFunctionDef.js';
import { celError, succeeds } from './celValues.js';

/**
 * Kubernetes `library.SemverLib()` on `github.com/blang/semver/v4` (type `kubernetes.Semver`). kro calls it without
 * options, i.e. library version 0: the `semver(string, bool)` / `isSemver(string, bool)` normalizing overloads of
 * later versions are not available.
 */

export const SEMVER_TYPE = 'kubernetes.Semver';

const MAX_UINT64 = (1n << 64n) - 1n;

interface PreRelease {
  readonly num?: bigint;
  readonly str?: string;
}

/** A parsed semantic version. */
export class CelSemver {
  readonly celTypeName = SEMVER_TYPE;
  constructor(
    readonly major: bigint,
    readonly minor: bigint,
    readonly patch: bigint,
    readonly pre: readonly PreRelease[],
    readonly build: readonly string[],
  ) {}

  /** blang/semver `Version.Compare` (build metadata ignored). */
  celCompare(o: unknown): number {
    const v = o as CelSemver;
    for (const [a, b] of [
      [this.major, v.major],
      [this.minor, v.minor],
      [this.patch, v.patch],
    ] as const) {
      if (a !== b) return a > b ? 1 : -1;
    }
    if (this.pre.length === 0 || v.pre.length === 0) return this.pre.length === v.pre.length ? 0 : this.pre.length === 0 ? 1 : -1;
    for (let i = 0; i < Math.min(this.pre.length, v.pre.length); i++) {
      const c = comparePre(this.pre[i]!, v.pre[i]!);
      if (c !== 0) return c;
    }
    return this.pre.length === v.pre.length ? 0 : this.pre.length < v.pre.length ? -1 : 1;
  }

  celEquals(o: unknown): boolean {
    return o instanceof CelSemver && this.celCompare(o) === 0;
  }
}

function comparePre(a: PreRelease, b: PreRelease): number {
  if (a.num !== undefined && b.num === undefined) return -1;
  if (a.num === undefined && b.num !== undefined) return 1;
  if (a.num !== undefined && b.num !== undefined) return a.num === b.num ? 0 : a.num > b.num ? 1 : -1;
  return a.str === b.str ? 0 : a.str! > b.str! ? 1 : -1;
}

const NUMBERS = /^[0-9]*$/;
const ALPHANUM = /^[0-9A-Za-z-]*$/;

function parseUint(s: string): bigint {
  if (!/^[0-9]+$/.test(s)) throw celError(`strconv.ParseUint: parsing ${goQuote(s)}: invalid syntax`);
  const n = BigInt(s);
  if (n > MAX_UINT64) throw celError(`strconv.ParseUint: parsing ${goQuote(s)}: value out of range`);
  return n;
}

function number(part: string, what: string): bigint {
  if (!NUMBERS.test(part)) throw celError(`Invalid character(s) found in ${what} number ${goQuote(part)}`);
  if (part.length > 1 && part[0] === '0') throw celError(`${what[0]!.toUpperCase()}${what.slice(1)} number must not contain leading zeroes ${goQuote(part)}`);
  return parseUint(part);
}

/** blang/semver `Parse`. */
export function parseSemver(s: string): CelSemver {
  if (s === '') throw celError('Version string empty');
  const first = s.indexOf('.');
  const second = first < 0 ? -1 : s.indexOf('.', first + 1);
  if (second < 0) throw celError('No Major.Minor.Patch elements found');
  const major = number(s.slice(0, first), 'major');
  const minor = number(s.slice(first + 1, second), 'minor');
  let patchText = s.slice(second + 1);
  let build: string[] = [];
  let pre: string[] = [];
  const plus = patchText.indexOf('+');
  if (plus >= 0) {
    build = patchText.slice(plus + 1).split('.');
    patchText = patchText.slice(0, plus);
  }
  const dash = patchText.indexOf('-');
  if (dash >= 0) {
    pre = patchText.slice(dash + 1).split('.');
    patchText = patchText.slice(0, dash);
  }
  const patch = number(patchText, 'patch');
  const parsedPre = pre.map((p): PreRelease => {
    if (p === '') throw celError('Prerelease is empty');
    if (NUMBERS.test(p)) {
      if (p.length > 1 && p[0] === '0') throw celError(`Numeric PreRelease version must not contain leading zeroes ${goQuote(p)}`);
      return { num: parseUint(p) };
    }
    if (ALPHANUM.test(p)) return { str: p };
    throw celError(`Invalid character(s) found in prerelease ${goQuote(p)}`);
  });
  for (const b of build) {
    if (b === '') throw celError('Build meta data is empty');
    if (!ALPHANUM.test(b)) throw celError(`Invalid character(s) found in build meta data ${goQuote(b)}`);
  }
  return new CelSemver(major, minor, patch, parsedPre, build);
}

const toInt = (u: bigint): bigint => BigInt.asIntN(64, u);
const L = 'k8s.semver' as const;

/** The semver library. */
export const semverLibrary: CelLibrary = {
  functions: [
    fn('semver', L, 'Parses a semantic version (MAJOR.MINOR.PATCH[-prerelease][+build], no leading v).', `semver("1.2.3").major() // 1`, [
      overload(undefined, [['version', 'string']], SEMVER_TYPE, (s: string) => parseSemver(s)),
    ]),
    fn('isSemver', L, 'Whether the string is a semantic version semver() accepts.', `isSemver("1.0.0-rc.1") // true`, [
      overload(undefined, [['version', 'string']], 'bool', (s: string) => succeeds(() => parseSemver(s))),
    ]),
    fn('major', L, 'The major version.', `semver("1.2.3").major() // 1`, [overload(SEMVER_TYPE, [], 'int', (v: CelSemver) => toInt(v.major))]),
    fn('minor', L, 'The minor version.', `semver("1.2.3").minor() // 2`, [overload(SEMVER_TYPE, [], 'int', (v: CelSemver) => toInt(v.minor))]),
    fn('patch', L, 'The patch version.', `semver("1.2.3").patch() // 3`, [overload(SEMVER_TYPE, [], 'int', (v: CelSemver) => toInt(v.patch))]),
    fn('isGreaterThan', L, 'Whether this version (or quantity) is greater than the other.', `semver("1.2.3").isGreaterThan(semver("1.2.0")) // true`, [
      overload(SEMVER_TYPE, [['other', SEMVER_TYPE]], 'bool', (a: CelSemver, b: CelSemver) => a.celCompare(b) === 1),
    ]),
    fn('isLessThan', L, 'Whether this version (or quantity) is less than the other.', `semver("1.2.3").isLessThan(semver("1.10.0")) // true`, [
      overload(SEMVER_TYPE, [['other', SEMVER_TYPE]], 'bool', (a: CelSemver, b: CelSemver) => a.celCompare(b) === -1),
    ]),
    fn('compareTo', L, '-1, 0 or 1 as this version (or quantity) is less than, equal to or greater than the other.', `semver("1.2.3").compareTo(semver("1.2.3")) // 0`, [
      overload(SEMVER_TYPE, [['other', SEMVER_TYPE]], 'int', (a: CelSemver, b: CelSemver) => BigInt(a.celCompare(b))),
    ]),
  ],
  types: [{ name: SEMVER_TYPE, ctor: CelSemver }],
  operators: [{ signature: `${SEMVER_TYPE} == ${SEMVER_TYPE}`, handler: (a: CelSemver, b: CelSemver) => a.celEquals(b) }],
};
