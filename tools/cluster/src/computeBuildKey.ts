import { createHash } from 'node:crypto';

/** Everything that decides the bytes of a build: toolchain, sources, flags. */
export interface BuildRecipe {
  /** `go env GOVERSION`, e.g. `go1.26.8`. */
  readonly goVersion: string;
  readonly goos: string;
  readonly goarch: string;
  /** Input files (go.mod, go.sum, sources) by repository-relative path. */
  readonly files: readonly { readonly path: string; readonly content: string }[];
  /** Build flags and environment that change the output (ldflags, CGO_ENABLED, ...). */
  readonly flags: readonly string[];
}

/**
 * Hashes a build recipe into a short, filesystem-safe cache key.
 * Files are hashed in path order, so the key does not depend on the order they were read in.
 */
export function computeBuildKey(recipe: BuildRecipe): string {
  const hash = createHash('sha256');
  const field = (s: string): void => {
    // Length-prefixed so that no two different recipes serialise to the same bytes.
    hash.update(`${Buffer.byteLength(s)}:${s};`);
  };
  field(recipe.goVersion);
  field(recipe.goos);
  field(recipe.goarch);
  const files = [...recipe.files].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  field(String(files.length));
  for (const f of files) {
    field(f.path);
    field(f.content);
  }
  field(String(recipe.flags.length));
  for (const flag of recipe.flags) field(flag);
  return hash.digest('hex').slice(0, 20);
}
