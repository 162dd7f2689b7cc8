import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { parseAllDocuments, stringify } from 'yaml';

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

/**
 * The CRDs the corpus itself carries: ACK's CRDs are resource templates of the RGDs under
 * `aws/ack-controller/crds/`. Supplying them types the AWS examples the way a cluster with ACK installed would.
 * `files` are the corpus files (any path form); the result is one multi-document CRD text per carrying file.
 */
export function corpusCrds(files: readonly { path: string; text: string }[]): { path: string; text: string }[] {
  const crds: { path: string; text: string }[] = [];
  for (const f of files.filter((x) => x.path.includes('aws/ack-controller/crds/'))) {
    const docs: string[] = [];
    for (const doc of parseAllDocuments(f.text)) {
      const rgd = doc.toJS() as { kind?: string; spec?: { resources?: { template?: { kind?: string } }[] } } | null;
      for (const r of rgd?.kind === 'ResourceGraphDefinition' ? (rgd.spec?.resources ?? []) : []) {
        if (r.template?.kind === 'CustomResourceDefinition') docs.push(stringify(r.template));
      }
    }
    if (docs.length > 0) crds.push({ path: f.path, text: docs.join('---\n') });
  }
  return crds;
}
