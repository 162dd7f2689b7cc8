// monaco-yaml's language server, bundled by Vite as a module worker (no CDN).
import 'monaco-yaml/yaml.worker.js';
