/**
 * Regenerates `test/fixtures/crd/*.crd.yaml`: the instance CRDs kro v0.9.3 itself synthesizes for the
 * Kubernetes-only examples of the shared corpus (`../shared/corpus/kro-examples/kubernetes/**`). The corpus test
 * `test/crd.corpus.test.ts` compares our `generateCrd` with them field by field.
 *
 *   npx tsx packages/core/scripts/generateExpectedCrds.ts [--corpus <kro-examples dir>] [--keep]
 *
 * Needs Go ≥ 1.26 and the Go module proxy; nothing else. Takes ~2 min warm (mostly `go build`).
 *
 * How kro is run:
 * - kro's CLI module (`github.com/kubernetes-sigs/kro/cmd/kro`) is not obtainable from the module proxy (no tags of
 *   its own; every pseudo-version answers 403), and the copy at the v0.9.3 tag targets kro v0.8.1's API. So the
 *   script builds, in a throwaway module under the OS temp dir, a ~40-line driver of our own that makes exactly the
 *   calls `kro generate crd -o json` makes (read the file with sigs.k8s.io/yaml, `kroclient.NewSet`,
 *   `graph.NewBuilder`, `NewResourceGraphDefinition` with the CLI's limits 1000/10, annotation
 *   `kro.run/cli-version: dev`, encoding/json) against `github.com/kubernetes-sigs/kro@v0.9.3` from the proxy.
 *   The only addition: an empty `spec.schema.group` / `scope` gets the defaults the API server would apply
 *   (`kro.run`, `Namespaced`), because the CLI reads files without that defaulting (kro-spec.md §1.2).
 * - kro's builder needs an API server for discovery (REST mappings, scopes) and OpenAPI v3 schemas of the child
 *   kinds. The script serves both from Kubernetes' own published data (`api/discovery/*.json` and
 *   `api/openapi-spec/v3/*.json` in the `k8s.io/kubernetes@v1.35.4` module zip) on 127.0.0.1, plus a `kro.run`
 *   group holding the CRDs generated earlier in the run, so chained examples (Tenant → TenantEnvironment) resolve.
 * Output: kro's JSON, converted to YAML with key order kept, one file per RGD, with a header naming the source.
 *
 * It also rewrites `test/fixtures/crd/flect-pluralize.json` by running gobuffalo/flect's real `Pluralize` (the
 * version kro pins) on the words already listed there plus every kind found in the corpus.
 */
import { execFile, execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync, existsSync, mkdirSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseAllDocuments, stringify } from 'yaml';

const KRO_VERSION = 'v0.9.3';
/** The flect version kro v0.9.3's go.mod requires. */
const FLECT_VERSION = 'v1.0.3';
const K8S_VERSION = 'v1.35.4';

const here = dirname(fileURLToPath(import.meta.url));
const packageDir = join(here, '..');
const repoRoot = join(packageDir, '..', '..');
const fixtureDir = join(packageDir, 'test', 'fixtures', 'crd');

/** Our driver: the same builder calls as cmd/kro's `generate crd`, printing encoding/json output. */
const DRIVER_GO = `// Command krocrdgen prints the CRD kro's graph builder synthesizes for one RGD file.
package main

import (
	"encoding/json"
	"fmt"
	"os"

	"sigs.k8s.io/yaml"

	"github.com/kubernetes-sigs/kro/api/v1alpha1"
	kroclient "github.com/kubernetes-sigs/kro/pkg/client"
	"github.com/kubernetes-sigs/kro/pkg/graph"
)

func main() {
	data, err := os.ReadFile(os.Args[1])
	fail(err)
	var rgd v1alpha1.ResourceGraphDefinition
	fail(yaml.Unmarshal(data, &rgd))
	// What the API server's defaulting of the RGD CRD would have filled in.
	if rgd.Spec.Schema.Group == "" {
		rgd.Spec.Schema.Group = "kro.run"
	}
	if rgd.Spec.Schema.Scope == "" {
		rgd.Spec.Schema.Scope = v1alpha1.ResourceScopeNamespaced
	}
	set, err := kroclient.NewSet(kroclient.Config{})
	fail(err)
	builder, err := graph.NewBuilder(set.RESTConfig(), set.HTTPClient())
	fail(err)
	g, err := builder.NewResourceGraphDefinition(&rgd, graph.RGDConfig{MaxCollectionSize: 1000, MaxCollectionDimensionSize: 10})
	fail(err)
	g.CRD.SetAnnotations(map[string]string{"kro.run/cli-version": "dev"})
	out, err := json.Marshal(g.CRD)
	fail(err)
	fmt.Println(string(out))
}

func fail(err error) {
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}
`;

/** Prints flect.Pluralize of each JSON-string line on stdin as one JSON array of [word, plural]. */
const FLECT_GO = `package main

import (
	"bufio"
	"encoding/json"
	"fmt"
	"os"

	"github.com/gobuffalo/flect"
)

func main() {
	sc := bufio.NewScanner(os.Stdin)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	out := [][2]string{}
	for sc.Scan() {
		var w string
		if err := json.Unmarshal(sc.Bytes(), &w); err != nil {
			panic(err)
		}
		out = append(out, [2]string{w, flect.Pluralize(w)})
	}
	b, err := json.Marshal(out)
	if err != nil {
		panic(err)
	}
	fmt.Println(string(b))
}
`;

interface Args {
  corpus: string;
  keep: boolean;
}

function parseArgs(argv: readonly string[]): Args {
  const args: Args = { corpus: join(repoRoot, '..', 'shared', 'corpus', 'kro-examples'), keep: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const next = argv[i + 1];
    if (a === '--corpus' && next !== undefined) {
      args.corpus = next;
      i++;
    } else if (a === '--keep') args.keep = true;
    else throw new Error(`unknown argument ${a}; expected --corpus <dir> or --keep`);
  }
  return args;
}

const goEnv = { ...process.env, GOTOOLCHAIN: 'local', GOFLAGS: '-mod=mod' };

function go(cwd: string, args: string[]): string {
  return execFileSync('go', args, { cwd, env: goEnv, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
}

function buildDriver(work: string): string {
  const src = join(work, 'driver');
  mkdirSync(src);
  writeFileSync(join(src, 'go.mod'), `module krocrdgen\n\ngo 1.26.0\n\nrequire github.com/kubernetes-sigs/kro ${KRO_VERSION}\n`);
  writeFileSync(join(src, 'main.go'), DRIVER_GO);
  go(src, ['mod', 'tidy']);
  const bin = join(work, 'krocrdgen');
  go(src, ['build', '-trimpath', '-o', bin, '.']);
  return bin;
}

function regenerateFlectTable(work: string, corpus: string): number {
  const src = join(work, 'flect');
  mkdirSync(src);
  writeFileSync(join(src, 'go.mod'), `module flectcheck\n\ngo 1.26.0\n\nrequire github.com/gobuffalo/flect ${FLECT_VERSION}\n`);
  writeFileSync(join(src, 'main.go'), FLECT_GO);
  go(src, ['mod', 'tidy']);
  go(src, ['build', '-o', join(work, 'flectcheck'), '.']);

  const file = join(fixtureDir, 'flect-pluralize.json');
  const words: string[] = existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as { pairs: [string, string][] }).pairs.map(([w]) => w) : [];
  const kinds = [...readAll(corpus).matchAll(/^\s+kind:\s*([A-Za-z0-9]+)\s*$/gm)].flatMap((m) => [m[1] ?? '', (m[1] ?? '').toLowerCase()]);
  const unique = [...new Set([...words, ...kinds])];
  const out = execFileSync(join(work, 'flectcheck'), { input: unique.map((w) => JSON.stringify(w)).join('\n') + '\n', encoding: 'utf8' });
  const pairs = JSON.parse(out) as [string, string][];
  const comment = `flect.Pluralize output of github.com/gobuffalo/flect ${FLECT_VERSION} (pinned by kro ${KRO_VERSION}) for each word; regenerate with packages/core/scripts/generateExpectedCrds.ts`;
  const body = pairs.map((p) => `    ${JSON.stringify(p)}`).join(',\n');
  writeFileSync(file, `{\n  "comment": ${JSON.stringify(comment)},\n  "flect": "${FLECT_VERSION}",\n  "pairs": [\n${body}\n  ]\n}\n`);
  return pairs.length;
}

/** Concatenated text of every YAML file under `dir`. */
function readAll(dir: string): string {
  return readdirSync(dir)
    .sort()
    .map((name) => {
      const full = join(dir, name);
      return statSync(full).isDirectory() ? readAll(full) : /\.ya?ml$/.test(name) ? readFileSync(full, 'utf8') : '';
    })
    .join('\n');
}

function kubernetesModuleDir(work: string): string {
  const info = JSON.parse(go(work, ['mod', 'download', '-json', `k8s.io/kubernetes@${K8S_VERSION}`])) as { Dir?: string };
  if (info.Dir === undefined) throw new Error(`go mod download did not report a directory for k8s.io/kubernetes@${K8S_VERSION}`);
  return info.Dir;
}

type Json = Record<string, unknown>;

interface GeneratedCrd {
  group: string;
  version: string;
  kind: string;
  plural: string;
  singular: string;
  namespaced: boolean;
  schema: Json;
}

/** A read-only API server answering discovery and OpenAPI v3 from Kubernetes' published files. */
async function startFakeApiServer(k8sDir: string) {
  const discoveryDir = join(k8sDir, 'api', 'discovery');
  const openapiDir = join(k8sDir, 'api', 'openapi-spec', 'v3');
  const readJson = (file: string): Json => JSON.parse(readFileSync(file, 'utf8')) as Json;
  const kroCrds: GeneratedCrd[] = [];
  const kroGroupVersions = () => [...new Set(kroCrds.map((c) => `${c.group}/${c.version}`))];

  const openapiPaths = new Map<string, string>();
  for (const file of readdirSync(openapiDir)) {
    if (file.endsWith('_openapi.json')) openapiPaths.set(file.slice(0, -'_openapi.json'.length).replaceAll('__', '/'), join(openapiDir, file));
  }
  const metaSchemas = Object.fromEntries(
    Object.entries((readJson(join(openapiDir, 'apis__apps__v1_openapi.json')).components as { schemas: Json }).schemas).filter(([name]) =>
      name.startsWith('io.k8s.apimachinery.pkg.apis.meta.v1.'),
    ),
  );

  const groupEntry = (gv: string) => {
    const [group, version] = gv.split('/') as [string, string];
    return { name: group, versions: [{ groupVersion: gv, version }], preferredVersion: { groupVersion: gv, version } };
  };

  const route = (path: string): Json | undefined => {
    if (path === '/api') return readJson(join(discoveryDir, 'api.json'));
    if (path === '/apis') {
      const list = readJson(join(discoveryDir, 'apis.json'));
      return { ...list, groups: [...(list.groups as Json[]), ...kroGroupVersions().map(groupEntry)] };
    }
    if (path === '/openapi/v3') {
      const paths: Record<string, { serverRelativeURL: string }> = {};
      for (const p of [...openapiPaths.keys(), ...kroGroupVersions().map((gv) => `apis/${gv}`)]) paths[p] = { serverRelativeURL: `/openapi/v3/${p}?hash=0` };
      return { paths };
    }
    if (path.startsWith('/openapi/v3/')) {
      const p = path.slice('/openapi/v3/'.length);
      const file = openapiPaths.get(p);
      if (file !== undefined) return readJson(file);
      const crds = kroCrds.filter((c) => `apis/${c.group}/${c.version}` === p);
      if (crds.length > 0) return kroOpenApiDocument(crds, metaSchemas);
      return undefined;
    }
    const kroGv = kroGroupVersions().find((gv) => path === `/apis/${gv}`);
    if (kroGv !== undefined) {
      const crds = kroCrds.filter((c) => `${c.group}/${c.version}` === kroGv);
      return {
        kind: 'APIResourceList',
        apiVersion: 'v1',
        groupVersion: kroGv,
        resources: crds.flatMap((c) => [
          { name: c.plural, singularName: c.singular, namespaced: c.namespaced, kind: c.kind, verbs: ['create', 'delete', 'get', 'list', 'patch', 'update', 'watch'] },
          { name: `${c.plural}/status`, singularName: '', namespaced: c.namespaced, kind: c.kind, verbs: ['get', 'patch', 'update'] },
        ]),
      };
    }
    const kroGroup = kroGroupVersions().find((gv) => path === `/apis/${gv.split('/')[0]}`);
    if (kroGroup !== undefined) return { kind: 'APIGroup', apiVersion: 'v1', ...groupEntry(kroGroup) };
    const file = join(discoveryDir, `${path.slice(1).replaceAll('/', '__')}.json`);
    return existsSync(file) ? readJson(file) : undefined;
  };

  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    const body = req.method === 'GET' ? route(path) : undefined;
    if (body === undefined) {
      res.writeHead(404, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify({ kind: 'Status', apiVersion: 'v1', status: 'Failure', reason: 'NotFound', code: 404 }));
      return;
    }
    res.writeHead(200, { 'Content-Type': 'application/json' });
    res.end(JSON.stringify(body));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    register(crd: GeneratedCrd) {
      kroCrds.push(crd);
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** The OpenAPI v3 document an API server publishes for a group-version served by CRDs. */
function kroOpenApiDocument(crds: GeneratedCrd[], metaSchemas: Json): Json {
  const schemas: Json = { ...metaSchemas };
  for (const c of crds) {
    const properties = { ...(c.schema.properties as Json), metadata: { $ref: '#/components/schemas/io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta' } };
    const reversedGroup = c.group.split('.').reverse().join('.');
    schemas[`${reversedGroup}.${c.version}.${c.kind}`] = {
      ...c.schema,
      properties,
      'x-kubernetes-group-version-kind': [{ group: c.group, version: c.version, kind: c.kind }],
    };
  }
  return { openapi: '3.0.0', info: { title: 'Kubernetes CRD Swagger', version: 'v0.1.0' }, paths: {}, components: { schemas } };
}

function describeCrd(crd: Json): GeneratedCrd {
  const spec = crd.spec as { group: string; scope: string; names: { kind: string; plural: string; singular: string }; versions: { name: string; schema: { openAPIV3Schema: Json } }[] };
  const version = spec.versions[0];
  if (version === undefined) throw new Error('generated CRD has no version');
  return {
    group: spec.group,
    version: version.name,
    kind: spec.names.kind,
    plural: spec.names.plural,
    singular: spec.names.singular,
    namespaced: spec.scope !== 'Cluster',
    schema: version.schema.openAPIV3Schema,
  };
}

function runDriver(bin: string, file: string, kubeconfig: string): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(bin, [file], { env: { ...process.env, KUBECONFIG: kubeconfig }, encoding: 'utf8', timeout: 120_000 }, (err, stdout, stderr) => {
      if (err) reject(Object.assign(err, { stderr }));
      else resolve(stdout);
    });
  });
}

/** RGD files under kubernetes/ and graph/; graph/ holds KREP-024 proposals (kind Graph/Singleton), so none today. */
function findRgdFiles(corpus: string): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir).sort()) {
      const full = join(dir, name);
      if (statSync(full).isDirectory()) walk(full);
      else if (/\.ya?ml$/.test(name)) {
        const docs = parseAllDocuments(readFileSync(full, 'utf8'));
        const list = Array.isArray(docs) ? docs : [docs];
        if (list.some((d) => (d.toJS() as { kind?: unknown } | null)?.kind === 'ResourceGraphDefinition')) out.push(full);
      }
    }
  };
  for (const top of ['kubernetes', 'graph']) if (existsSync(join(corpus, top))) walk(join(corpus, top));
  return out;
}

/** `kubernetes/dogsvscats/vote-app/rg.yaml` → `kubernetes-dogsvscats-vote-app-rg`. */
function fixtureName(relPath: string): string {
  return relPath.replace(/\.ya?ml$/, '').replaceAll('/', '-');
}

async function main() {
  const args = parseArgs(process.argv.slice(2));
  const work = mkdtempSync(join(tmpdir(), 'kro-crdgen-'));
  mkdirSync(fixtureDir, { recursive: true });
  const started = performance.now();
  try {
    console.log(`building the kro ${KRO_VERSION} driver in ${work} ...`);
    const bin = buildDriver(work);
    console.log(`flect ${FLECT_VERSION}: ${regenerateFlectTable(work, args.corpus)} words written to flect-pluralize.json`);
    const k8sDir = kubernetesModuleDir(work);
    const api = await startFakeApiServer(k8sDir);
    const kubeconfig = join(work, 'kubeconfig');
    writeFileSync(
      kubeconfig,
      stringify({
        apiVersion: 'v1',
        kind: 'Config',
        clusters: [{ name: 'fake', cluster: { server: api.url } }],
        contexts: [{ name: 'fake', context: { cluster: 'fake', user: 'fake' } }],
        'current-context': 'fake',
        users: [{ name: 'fake', user: {} }],
      }),
    );
    try {
      // Chained examples need their child kinds' CRDs first: retry failures until a round makes no progress.
      let pending = findRgdFiles(args.corpus);
      const written = new Set<string>();
      const errors = new Map<string, string>();
      while (pending.length > 0) {
        const failed: string[] = [];
        for (const file of pending) {
          const rel = relative(args.corpus, file);
          try {
            // Asynchronous on purpose: the fake API server lives in this process's event loop.
            const out = await runDriver(bin, file, kubeconfig);
            const crd = JSON.parse(out) as Json;
            api.register(describeCrd(crd));
            const name = fixtureName(rel);
            const header = `# kro ${KRO_VERSION} graph builder output for kro-examples/${rel}\n# Regenerate with: npx tsx packages/core/scripts/generateExpectedCrds.ts (do not edit by hand)\n`;
            writeFileSync(join(fixtureDir, `${name}.crd.yaml`), header + stringify(crd, { lineWidth: 0 }));
            written.add(`${name}.crd.yaml`);
            console.log(`  ok   ${rel}`);
          } catch (err) {
            errors.set(rel, String((err as { stderr?: unknown }).stderr ?? err).trim());
            failed.push(file);
          }
        }
        if (failed.length === pending.length) break;
        pending = failed;
      }
      const failures = [...errors].filter(([rel]) => !written.has(`${fixtureName(rel)}.crd.yaml`));
      for (const [rel, msg] of failures) console.log(`  FAIL ${rel}: ${msg}`);
      // Stale fixtures go only when every example succeeded, so a broken toolchain never empties the directory.
      if (failures.length === 0) {
        for (const file of readdirSync(fixtureDir)) {
          if (file.endsWith('.crd.yaml') && !written.has(file)) rmSync(join(fixtureDir, file));
        }
      } else process.exitCode = 1;
      console.log(`${written.size} fixtures written to ${relative(repoRoot, fixtureDir)} in ${((performance.now() - started) / 1000).toFixed(0)} s`);
    } finally {
      await api.close();
    }
  } finally {
    if (args.keep) console.log(`kept ${work}`);
    else rmSync(work, { recursive: true, force: true });
  }
}

if (process.argv[1] !== undefined && fileURLToPath(import.meta.url) === process.argv[1]) {
  main().catch((err: unknown) => {
    console.error(err);
    process.exit(1);
  });
}
