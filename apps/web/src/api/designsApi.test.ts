import { describe, expect, it } from 'vitest';
import { ApiError, DesignsApi } from './designsApi';

const json = (status: number, body: unknown, type = 'application/json') => new Response(JSON.stringify(body), { status, headers: { 'content-type': type } });

describe('DesignsApi', () => {
  it('tells a server in single-user mode, one asking for sign-in, and no server apart', async () => {
    expect(await new DesignsApi(async () => json(200, { user: 'local' })).availability()).toBe('available');
    expect(await new DesignsApi(async () => json(401, { title: 'Unauthorized' }, 'application/problem+json')).availability()).toBe('login-required');
    expect(await new DesignsApi(async () => new Response('<!doctype html>', { status: 200, headers: { 'content-type': 'text/html' } })).availability()).toBe('unavailable');
    expect(
      await new DesignsApi(async () => {
        throw new TypeError('Failed to fetch');
      }).availability(),
    ).toBe('unavailable');
  });

  it('keeps the network error as the cause when the server cannot be reached', async () => {
    const network = new TypeError('Failed to fetch');
    const error = await new DesignsApi(async () => {
      throw network;
    })
      .list()
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).status).toBe(0);
    expect((error as ApiError).message).toBe('The server cannot be reached (Failed to fetch)');
    expect((error as ApiError).cause).toBe(network);
  });

  it('sends If-Match when saving and surfaces problem+json details', async () => {
    const calls: { url: string; init: RequestInit | undefined }[] = [];
    const api = new DesignsApi(async (url, init) => {
      calls.push({ url: String(url), init });
      return json(412, { type: 'about:blank', title: 'Precondition Failed', status: 412, detail: 'the design changed since revision 1' }, 'application/problem+json');
    });
    const error = await api.save('d1', '"etag-1"', 'text').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).status).toBe(412);
    expect((error as ApiError).message).toBe('the design changed since revision 1');
    expect(calls[0]!.url).toBe('/api/designs/d1');
    expect(calls[0]!.init?.method).toBe('PUT');
    expect((calls[0]!.init?.headers as Record<string, string>)['if-match']).toBe('"etag-1"');
    expect(JSON.parse(String(calls[0]!.init?.body))).toEqual({ yaml: 'text' });
  });

  it('asks for revisions, diffs and restores on the designs routes (restore with If-Match)', async () => {
    const calls: { url: string; init: RequestInit | undefined }[] = [];
    const api = new DesignsApi(async (url, init) => {
      calls.push({ url: String(url), init });
      return json(200, {});
    });
    await api.revisions('d 1');
    await api.diff('d1', 2, 'head');
    await api.restore('d1', 1, '"etag-3"');
    expect(calls.map((c) => `${c.init?.method} ${c.url}`)).toEqual([
      'GET /api/designs/d%201/revisions?limit=200',
      'GET /api/designs/d1/diff?from=2&to=head',
      'POST /api/designs/d1/revisions/1/restore',
    ]);
    expect((calls[2]!.init?.headers as Record<string, string>)['if-match']).toBe('"etag-3"');
  });
});
