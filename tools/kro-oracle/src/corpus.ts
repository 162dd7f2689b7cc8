import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { CORPUS_DIR, corpusCrds } from '../../../packages/core/test/corpusPath.js';
import type { TextFile } from './runOracle.js';

export { CORPUS_DIR };

function walk(dir: string): string[] {
  return readdirSync(dir)
    .sort()
    .flatMap((name) => {
      const full = join(dir, name);
      return statSync(full).isDirectory() ? walk(full) : /\.ya?ml$/.test(name) ? [full] : [];
    });
}

export interface Corpus {
  /** Every YAML file of kro-examples, path relative to kro-examples. */
  readonly files: readonly TextFile[];
  /** Files of one example folder, validated together as they would be applied together. */
  readonly groups: readonly { readonly id: string; readonly files: readonly TextFile[] }[];
  /** The CRDs the corpus carries (ACK's, as templates of the ack-controller RGDs). */
  readonly crds: readonly TextFile[];
}

export function loadCorpus(): Corpus {
  const root = join(CORPUS_DIR, 'kro-examples');
  if (!existsSync(root)) throw new Error(`corpus not found at ${root}; set KRO_CORPUS to the shared corpus directory`);
  const files = walk(root).map((full) => ({ path: relative(root, full), text: readFileSync(full, 'utf8') }));
  const byFolder = new Map<string, TextFile[]>();
  for (const f of files) byFolder.set(dirname(f.path), [...(byFolder.get(dirname(f.path)) ?? []), f]);
  const crds: TextFile[] = corpusCrds(files);
  return { files, groups: [...byFolder].map(([id, fs]) => ({ id, files: fs })), crds };
}
