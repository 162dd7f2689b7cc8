#!/usr/bin/env node
// `npm start`: runs the kro-designer server (API, and the web app once it is built) from source through tsx, on
// embedded defaults: PGlite in ./.data (or DATA_DIR), http://127.0.0.1:8080 (or HOST/PORT), single-user mode on
// localhost. README's "API server" section lists every setting. The CLI stays available as `npx kro-designer`.
import { register } from 'tsx/esm/api';

register();
await import('../apps/api/src/main.ts');
