import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseAllDocuments } from 'yaml';

type Obj = Record<string, unknown>;

/** One RGD with one instance of it, to be run through kro and through our render. */
export interface RenderCase {
  /** `corpus:kubernetes/webapp/rg.yaml#test-app`, `own:foreach-2d`, `fixture:<path>#<instance>`. */
  readonly name: string;
  readonly rgd: Obj;
  readonly instance: Obj;
  /** Other objects of the case's file, created before the instance (e.g. the target of an externalRef). */
  readonly prerequisites?: readonly Obj[];
}

/** A case that was found but cannot run against this control plane, and why. */
export interface SkippedCase {
  readonly name: string;
  readonly reason: string;
}

/** API groups the test control plane serves without extra CRDs (kube-apiserver 1.35 built-ins). */
const BUILT_IN_GROUPS = new Set([
  '',
  'apps',
  'batch',
  'networking.k8s.io',
  'policy',
  'autoscaling',
  'rbac.authorization.k8s.io',
  'storage.k8s.io',
  'scheduling.k8s.io',
  'coordination.k8s.io',
  'discovery.k8s.io',
]);

/**
 * Corpus examples changed before they run, and why. Only facts of the test control plane, never render semantics.
 */
const ADAPTATIONS: readonly { readonly file: string; readonly from: string; readonly to: string; readonly why: string }[] = [
  {
    file: 'kubernetes/core-dns/core-dns.yaml',
    from: '10.100.123.45',
    to: '10.0.0.10',
    why: "the Service's literal clusterIP lies outside the control plane's --service-cluster-ip-range 10.0.0.0/24, so the API server refuses kro's apply",
  },
];

const here = dirname(fileURLToPath(import.meta.url));
export const OWN_CASES_DIR = join(here, 'cases');
export const CORPUS_DIR = process.env.KRO_CORPUS ?? fileURLToPath(new URL('../../../../../shared/corpus', import.meta.url));
export const CORE_FIXTURES_DIR = fileURLToPath(new URL('../../../../packages/core/test/fixtures/render', import.meta.url));

const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const groupOfApiVersion = (apiVersion: string) => (apiVersion.includes('/') ? apiVersion.slice(0, apiVersion.indexOf('/')) : '');

function yamlFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .sort()
    .flatMap((entry) => {
      const path = join(dir, entry);
      if (statSync(path).isDirectory()) return yamlFiles(path);
      return /\.ya?ml$/.test(entry) ? [path] : [];
    });
}

function documents(file: string, strict: boolean): Obj[] {
  // Duplicate keys are allowed (last one wins), as kro's YAML reader allows them; one corpus example has one.
  const docs = parseAllDocuments(readFileSync(file, 'utf8'), { uniqueKeys: false });
  const list = Array.isArray(docs) ? docs : [];
  const broken = list.find((d) => d.errors.length > 0);
  // Not every corpus file is plain YAML (Helm templates): such a document holds no case. Our own files must parse.
  if (broken && strict) throw new Error(`${file}: ${broken.errors[0]?.message ?? 'invalid YAML'}`);
  return list.filter((d) => d.errors.length === 0).map((d) => d.toJS() as unknown).filter(isObj);
}

const schemaOf = (rgd: Obj) => ((isObj(rgd.spec) && isObj(rgd.spec.schema) ? rgd.spec.schema : {}) as Obj);

/** Why the RGD cannot run on a control plane with only built-in kinds, or undefined when it can. */
function unsupported(rgd: Obj): string | undefined {
  const resources = isObj(rgd.spec) && Array.isArray(rgd.spec.resources) ? (rgd.spec.resources as unknown[]) : [];
  for (const r of resources.filter(isObj)) {
    const t = isObj(r.template) ? r.template : isObj(r.externalRef) ? r.externalRef : {};
    const apiVersion = typeof t.apiVersion === 'string' ? t.apiVersion : '';
    if (!BUILT_IN_GROUPS.has(groupOfApiVersion(apiVersion))) return `resource "${String(r.id)}" is ${apiVersion}/${String(t.kind)}, not a built-in kind`;
  }
  return undefined;
}

/**
 * Pairs every RGD with the instances of its kind found in the same group of files: the corpus keeps one example per
 * directory, our own cases one per file, the core's fixtures one per `<name>.rgd.yaml` + `<name>.instance.yaml`.
 */
function collect(prefix: string, root: string, files: string[], groupOf: (file: string) => string): { cases: RenderCase[]; skipped: SkippedCase[] } {
  const strict = prefix !== 'corpus';
  const cases: RenderCase[] = [];
  const skipped: SkippedCase[] = [];
  const byDir = new Map<string, { file: string; doc: Obj }[]>();
  for (const file of files) {
    const key = groupOf(file);
    byDir.set(key, [...(byDir.get(key) ?? []), ...documents(file, strict).map((doc) => ({ file, doc }))]);
  }
  for (const docs of byDir.values()) {
    for (const { file, doc: rgd } of docs.filter((d) => d.doc.kind === 'ResourceGraphDefinition')) {
      const schema = schemaOf(rgd);
      const group = typeof schema.group === 'string' && schema.group !== '' ? schema.group : 'kro.run';
      const instances = docs.filter(({ doc }) => doc.kind === schema.kind && typeof doc.apiVersion === 'string' && groupOfApiVersion(doc.apiVersion) === group);
      const base = `${prefix}:${relative(root, file)}`;
      const reason = unsupported(rgd);
      if (instances.length === 0) continue;
      const adapted = ADAPTATIONS.filter((a) => base === `corpus:${a.file}`).reduce<Obj>(
        (doc, a) => JSON.parse(JSON.stringify(doc).split(a.from).join(a.to)) as Obj,
        rgd,
      );
      // Own cases and fixtures may carry further objects for the cluster; corpus directories hold unrelated files.
      const prerequisites = strict ? docs.map((d) => d.doc).filter((d) => d !== rgd && !instances.some((i) => i.doc === d)) : [];
      for (const { doc: instance } of instances) {
        const name = `${base}#${String(isObj(instance.metadata) ? instance.metadata.name : '?')}`;
        if (reason) skipped.push({ name, reason });
        else cases.push({ name, rgd: adapted, instance, ...(prerequisites.length > 0 ? { prerequisites } : {}) });
      }
    }
  }
  return { cases, skipped };
}

/** Every runnable case: the corpus examples with built-in kinds only, the core's render fixtures, our own cases. */
export function renderCases(): { cases: RenderCase[]; skipped: SkippedCase[] } {
  const corpusRoot = join(CORPUS_DIR, 'kro-examples');
  const parts = [
    collect('corpus', corpusRoot, yamlFiles(corpusRoot), dirname),
    collect('fixture', CORE_FIXTURES_DIR, yamlFiles(CORE_FIXTURES_DIR), (f) => f.replace(/\.(rgd|instance)\.ya?ml$/, '')),
    collect('own', OWN_CASES_DIR, yamlFiles(OWN_CASES_DIR), (f) => f),
  ];
  return { cases: parts.flatMap((p) => p.cases), skipped: parts.flatMap((p) => p.skipped) };
}

/**
 * The case made unique on a shared control plane: the kind gets a suffix (every case's CRD is new, even when two
 * examples define the same kind) and the RGD name too; the instance moves into the case's namespace. kro and our
 * render then see the same renamed documents, so the rename cannot cause a difference.
 */
export function uniqueCase(c: RenderCase, suffix: string, namespace: string): RenderCase {
  const rgd = structuredClone(c.rgd);
  const instance = structuredClone(c.instance);
  const schema = schemaOf(rgd);
  const kind = `${String(schema.kind)}${suffix.charAt(0).toUpperCase()}${suffix.slice(1)}`;
  schema.kind = kind;
  rgd.metadata = { ...(isObj(rgd.metadata) ? rgd.metadata : {}), name: `rd-${kind.toLowerCase()}` };
  instance.kind = kind;
  instance.metadata = { ...(isObj(instance.metadata) ? instance.metadata : {}), namespace };
  const prerequisites = (c.prerequisites ?? []).map((p) => {
    const copy = structuredClone(p);
    const meta = isObj(copy.metadata) ? copy.metadata : {};
    copy.metadata = { ...meta, namespace: typeof meta.namespace === 'string' ? meta.namespace : namespace };
    return copy;
  });
  return { name: c.name, rgd, instance, ...(prerequisites.length > 0 ? { prerequisites } : {}) };
}
