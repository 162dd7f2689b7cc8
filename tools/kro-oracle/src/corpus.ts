import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseAllDocuments, stringify } from 'yaml';
import type { TextFile } from './runOracle.js';

/** The shared corpus: `KRO_CORPUS`, or `../shared/corpus` beside the repository (as packages/core/test does). */
export const CORPUS_DIR = process.env['KRO_CORPUS'] ?? resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', '..', 'shared', 'corpus');

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
  const crds: TextFile[] = [];
  for (const f of files.filter((x) => x.path.startsWith('aws/ack-controller/crds/'))) {
    const docs: string[] = [];
    for (const doc of parseAllDocuments(f.text)) {
      const rgd = doc.toJS() as { kind?: string; spec?: { resources?: { template?: { kind?: string } }[] } } | null;
      for (const r of rgd?.kind === 'ResourceGraphDefinition' ? (rgd.spec?.resources ?? []) : []) {
        if (r.template?.kind === 'CustomResourceDefinition') docs.push(stringify(r.template));
      }
    }
    if (docs.length > 0) crds.push({ path: f.path, text: docs.join('---\n') });
  }
  return { files, groups: [...byFolder].map(([id, fs]) => ({ id, files: fs })), crds };
}
