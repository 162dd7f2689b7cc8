import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** The shared corpus of kro's examples and CRDs: `KRO_CORPUS`, or `../shared/corpus` beside the repository. */
export const CORPUS_DIR = process.env.KRO_CORPUS ?? new URL('../../../../shared/corpus', import.meta.url).pathname;

export function corpusFiles(sub: string): string[] {
  const dir = join(CORPUS_DIR, sub);
  if (!existsSync(dir)) throw new Error(`corpus not found at ${dir}; set KRO_CORPUS to the shared corpus directory`);
  const walk = (d: string): string[] =>
    readdirSync(d)
      .sort()
      .flatMap((name) => {
        const full = join(d, name);
        return statSync(full).isDirectory() ? walk(full) : /\.ya?ml$/.test(name) ? [full] : [];
      });
  return walk(dir);
}
