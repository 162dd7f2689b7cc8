import { existsSync } from 'node:fs';
import { join } from 'node:path';
import express, { Router } from 'express';

const PLACEHOLDER = `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>kro-designer</title>
<style>body{font:16px/1.5 system-ui,sans-serif;max-width:40rem;margin:4rem auto;padding:0 1rem;color:#222}code{background:#f2f2f2;padding:0 .25rem}</style>
</head>
<body>
<h1>kro-designer</h1>
<p>The API server is running, but the designer UI is not built yet, so there is nothing to show here.</p>
<p>The API is described in <a href="/api/openapi.json">/api/openapi.json</a>. Health: <a href="/healthz">/healthz</a>, readiness: <a href="/readyz">/readyz</a>.</p>
</body>
</html>
`;

/**
 * The web app: the built files of `webDir` (an SPA: unknown non-API paths get its index.html), or, when it has not
 * been built, one page at `/` that says so and links to the API description.
 */
export function serveWeb(webDir: string | undefined): Router {
  const r = Router();
  const index = webDir ? join(webDir, 'index.html') : undefined;
  if (webDir && index && existsSync(index)) {
    r.use(express.static(webDir, { index: 'index.html', maxAge: '1h', setHeaders: (res, path) => path.endsWith('index.html') && res.setHeader('Cache-Control', 'no-cache') }));
    r.get(/^\/(?!api\/|healthz$|readyz$).*/, (_req, res) => {
      res.setHeader('Cache-Control', 'no-cache');
      res.sendFile(index);
    });
    return r;
  }
  r.get('/', (_req, res) => {
    res.type('html').send(PLACEHOLDER);
  });
  return r;
}
