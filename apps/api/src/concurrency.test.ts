import type { Design, Problem, RevisionList } from '@kro-designer/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HttpClient, sampleRgd } from './testing/HttpClient.js';
import { postgresTarget } from './testing/postgresTarget.js';
import { startTestServer, type TestServer } from './testing/startTestServer.js';

const targets = [{ name: 'PGlite', storage: undefined }, ...postgresTarget('concurrency')];

describe.each(targets)('two clients editing one design ($name)', ({ storage }) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer(storage ? { storage: storage() } : {});
  });
  afterAll(() => server?.close());

  it('lets exactly one win each round; the other gets 412 with the winner\'s revision', async () => {
    const alice = new HttpClient(server.url);
    const bob = new HttpClient(server.url);
    const created = await alice.post<Design>('/api/designs', { name: 'shared', yaml: sampleRgd('shared') });
    const id = created.body.id;
    const rounds = 25;
    let aliceWins = 0;
    for (let round = 1; round <= rounds; round++) {
      const [a, b] = await Promise.all([alice.get<Design>(`/api/designs/${id}`), bob.get<Design>(`/api/designs/${id}`)]);
      expect(a.body.etag).toBe(b.body.etag);
      const [ra, rb] = await Promise.all([
        alice.put<Design | Problem>(`/api/designs/${id}`, { yaml: sampleRgd('shared', round * 2) }, { 'if-match': a.body.etag }),
        bob.put<Design | Problem>(`/api/designs/${id}`, { yaml: sampleRgd('shared', round * 2 + 1) }, { 'if-match': b.body.etag }),
      ]);
      expect([ra.status, rb.status].sort()).toEqual([200, 412]);
      const [winner, loser] = ra.status === 200 ? [ra, rb] : [rb, ra];
      if (ra.status === 200) aliceWins++;
      const won = winner.body as Design;
      const lost = loser.body as Problem;
      expect(won.revision).toBe(round + 1);
      expect(lost.current).toMatchObject({ revision: round + 1, etag: won.etag, contentHash: won.contentHash });
    }
    const revisions = await alice.get<RevisionList>(`/api/designs/${id}/revisions?limit=200`);
    expect(revisions.body.total).toBe(rounds + 1);
    expect(aliceWins).toBeGreaterThanOrEqual(0);
  });
});
