import { createRequire } from 'node:module';
import path from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// monaco-editor >= 0.56 hides its deep `esm/vs/...` paths behind an exports map, but monaco-yaml's worker still
// imports them: alias the deep paths back to the files (see ../../shared stack notes, §3).
const monacoRoot = path.resolve(path.dirname(createRequire(import.meta.url).resolve('monaco-editor')), '../..');

export default defineConfig({
  plugins: [react()],
  resolve: { alias: [{ find: /^monaco-editor\/esm\/vs\/(.*)$/, replacement: path.join(monacoRoot, 'esm/vs/') + '$1' }] },
  // ELK's worker becomes an ES module under this format, so it is started with { type: 'module' }.
  worker: { format: 'es' },
  build: { chunkSizeWarningLimit: 5000, target: 'es2023' },
  preview: { host: '127.0.0.1', port: 4173, strictPort: true },
  // The dev server forwards API calls to `npm start`'s server, so storage works while developing.
  server: { host: '127.0.0.1', proxy: { '/api': 'http://127.0.0.1:8080' } },
});
