/**
 * The text cel-go would give for an evaluation error cel-js raised itself (field access, list index, optional
 * value, unknown variable). kro classifies runtime errors by these texts: `no such key`, `no such field`,
 * `no such attribute` and `index out of bounds` mean "data pending" (retry later), anything else is an error
 * (kro-spec §3.7). Errors raised by the library functions already carry kro's and cel-go's texts and pass through.
 */
export function celGoErrorMessage(error: unknown): string {
  const e = error as { code?: unknown; summary?: unknown; message?: unknown };
  const summary = typeof e.summary === 'string' ? e.summary : String(e.message ?? error).split('\n')[0]!;
  switch (e.code) {
    case 'no_such_key':
    case 'index_out_of_bounds': {
      const index = /^No such key: index out of bounds, index (-?\d+)/.exec(summary);
      if (index) return `index out of bounds: ${index[1]}`;
      return summary.replace(/^No such key: /, 'no such key: ');
    }
    case 'optional_value_missing':
      return 'optional.none() dereference';
    case 'unknown_variable':
      return summary.replace(/^Unknown variable: /, 'no such attribute(s): ');
    default:
      return summary;
  }
}
