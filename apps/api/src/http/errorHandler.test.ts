import type { AddressInfo } from 'node:net';
import express from 'express';
import { describe, expect, it } from 'vitest';
import { errorHandler } from './errorHandler.js';

describe('errorHandler', () => {
  it('answers an unexpected error with a generic 500 problem: no message, no stack', async () => {
    const app = express();
    app.get('/boom', () => {
      throw new Error('database password is hunter2');
    });
    app.use(errorHandler);
    const server = app.listen(0, '127.0.0.1');
    await new Promise((r) => server.once('listening', r));
    try {
      const res = await fetch(`http://127.0.0.1:${(server.address() as AddressInfo).port}/boom`);
      const text = await res.text();
      expect(res.status).toBe(500);
      expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      expect(JSON.parse(text)).toMatchObject({ type: 'urn:kro-designer:problem:internal', status: 500, title: 'Internal server error' });
      expect(text).not.toContain('hunter2');
      expect(text).not.toContain('errorHandler.test');
    } finally {
      server.close();
    }
  });
});
