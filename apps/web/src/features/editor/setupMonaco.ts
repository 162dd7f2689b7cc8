// The only place Monaco is configured: a slim editor (YAML only), its workers bundled locally, monaco-yaml with
// the RGD's own CRD schema inline. Nothing is fetched from a network location.
import * as monaco from 'monaco-editor/editor';
import 'monaco-editor/features/register.all';
import 'monaco-editor/languages/definitions/yaml/register';
import EditorWorker from 'monaco-editor/editor/editor.worker?worker';
import { configureMonacoYaml, type JSONSchema } from 'monaco-yaml';
import YamlWorker from './yaml.worker?worker';

export { monaco };

interface LegacyWorkerOptions {
  readonly worker?: Worker;
  readonly moduleId?: string;
  readonly label?: string;
  readonly createData?: unknown;
}

let installed = false;

/**
 * Installs worker factories and the monaco-yaml compatibility shim once. monaco-yaml 5.5.1 still calls
 * `createWebWorker({moduleId, label, createData})`, which monaco 0.57 no longer serves (it needs `opts.worker`):
 * the shim starts the worker itself with monaco's two-message handshake. Both packages are pinned exactly because
 * this leans on their internals; the e2e suite checks YAML completion still works.
 */
export function installMonaco(): void {
  if (installed) return;
  installed = true;
  (self as unknown as { MonacoEnvironment: monaco.Environment }).MonacoEnvironment = {
    getWorker: (_id: string, label: string) => (label === 'yaml' ? new YamlWorker() : new EditorWorker()),
  };
  const original = monaco.editor.createWebWorker;
  const patched = (opts: LegacyWorkerOptions) => {
    if (opts.worker) return original(opts as Parameters<typeof original>[0]);
    const worker = new YamlWorker();
    worker.postMessage('ignore');
    worker.postMessage(opts.createData);
    return original({ ...(opts as object), worker } as Parameters<typeof original>[0]);
  };
  (monaco.editor as unknown as { createWebWorker: typeof patched }).createWebWorker = patched;
}

let yamlConfigured = false;

/**
 * Gives monaco-yaml kro's RGD CRD schema for key completion and hover. Its validation stays off: the core's
 * diagnostics are the one source of problems, so nothing is reported twice.
 */
export function configureRgdSchema(rgdJsonSchema: unknown): void {
  if (yamlConfigured) return;
  yamlConfigured = true;
  configureMonacoYaml(monaco, {
    enableSchemaRequest: false,
    validate: false,
    completion: true,
    hover: true,
    format: { enable: false },
    schemas: [{ uri: 'inmemory://schemas/kro-rgd.json', fileMatch: ['**/*.yaml'], schema: rgdJsonSchema as JSONSchema }],
  });
}
