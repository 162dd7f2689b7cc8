import { fn, overload, type CelLibrary } from './CelFunctionDef.js';
import { celError } from './celValues.js';
import { GoQuantity, QuantityError } from './goQuantity.js';

/** Kubernetes `library.Quantity()` (type `kubernetes.Quantity`). */

export const QUANTITY_TYPE = 'kubernetes.Quantity';

/** A `kubernetes.Quantity` value. */
export class CelQuantity {
  readonly celTypeName = QUANTITY_TYPE;
  constructor(readonly q: GoQuantity) {}
  celEquals(o: unknown): boolean {
    return o instanceof CelQuantity && this.q.compare(o.q) === 0;
  }
}

function parse(s: string): CelQuantity {
  try {
    return new CelQuantity(GoQuantity.parse(s));
  } catch (e) {
    if (e instanceof QuantityError) throw celError(e.message);
    throw e;
  }
}

const L = 'k8s.quantity' as const;
const Q = QUANTITY_TYPE;

/** The quantity library. */
export const quantityLibrary: CelLibrary = {
  functions: [
    fn('quantity', L, 'Parses a Kubernetes resource quantity such as 500m, 1.5Gi or 1e3.', `quantity("1.5Gi").isGreaterThan(quantity("1Gi")) // true`, [
      overload(undefined, [['value', 'string']], Q, (s: string) => parse(s)),
    ]),
    fn('isQuantity', L, 'Whether the string is a valid quantity.', `isQuantity("250m") // true`, [
      overload(undefined, [['value', 'string']], 'bool', (s: string) => {
        try {
          GoQuantity.parse(s);
          return true;
        } catch (e) {
          if (e instanceof QuantityError) return false;
          throw e;
        }
      }),
    ]),
    fn('sign', L, 'The sign of a quantity: -1, 0 or 1 (a function, not a method).', `sign(quantity("-1")) // -1`, [
      overload(undefined, [['value', Q]], 'int', (q: CelQuantity) => BigInt(q.q.sign())),
    ]),
    fn('isGreaterThan', L, 'Whether this quantity (or version) is greater than the other.', `quantity("1Gi").isGreaterThan(quantity("1G")) // true`, [
      overload(Q, [['other', Q]], 'bool', (a: CelQuantity, b: CelQuantity) => a.q.compare(b.q) === 1),
    ]),
    fn('isLessThan', L, 'Whether this quantity (or version) is less than the other.', `quantity("500m").isLessThan(quantity("1")) // true`, [
      overload(Q, [['other', Q]], 'bool', (a: CelQuantity, b: CelQuantity) => a.q.compare(b.q) === -1),
    ]),
    fn('compareTo', L, '-1, 0 or 1 as this quantity (or version) is less than, equal to or greater than the other.', `quantity("1k").compareTo(quantity("1000")) // 0`, [
      overload(Q, [['other', Q]], 'int', (a: CelQuantity, b: CelQuantity) => BigInt(a.q.compare(b.q))),
    ]),
    fn('asApproximateFloat', L, 'The quantity as a double (may lose precision).', `quantity("1.5").asApproximateFloat()`, [
      overload(Q, [], 'double', (q: CelQuantity) => q.q.asApproximateFloat64()),
    ]),
    fn('asInteger', L, 'The quantity as an int; an error when isInteger() is false.', `quantity("2k").asInteger() // 2000`, [
      overload(Q, [], 'int', (q: CelQuantity) => {
        const v = q.q.asInt64();
        if (v === undefined) throw celError('cannot convert value to integer');
        return v;
      }),
    ]),
    fn('isInteger', L, 'Whether asInteger() succeeds (false for fractional scales such as 1000m).', `quantity("2k").isInteger() // true`, [
      overload(Q, [], 'bool', (q: CelQuantity) => q.q.asInt64() !== undefined),
    ]),
    fn('add', L, 'The sum of this quantity and another quantity or an int.', `quantity("1Gi").add(quantity("512Mi"))`, [
      overload(Q, [['other', Q]], Q, (a: CelQuantity, b: CelQuantity) => new CelQuantity(a.q.add(b.q))),
      overload(Q, [['other', 'int']], Q, (a: CelQuantity, b: bigint) => new CelQuantity(a.q.add(GoQuantity.fromInt(b)))),
    ]),
    fn('sub', L, 'This quantity minus another quantity or an int.', `quantity("1").sub(1).sign() // 0`, [
      overload(Q, [['other', Q]], Q, (a: CelQuantity, b: CelQuantity) => new CelQuantity(a.q.sub(b.q))),
      overload(Q, [['other', 'int']], Q, (a: CelQuantity, b: bigint) => new CelQuantity(a.q.sub(GoQuantity.fromInt(b)))),
    ]),
  ],
  types: [{ name: Q, ctor: CelQuantity }],
  operators: [{ signature: `${Q} == ${Q}`, handler: (a: CelQuantity, b: CelQuantity) => a.celEquals(b) }],
};
