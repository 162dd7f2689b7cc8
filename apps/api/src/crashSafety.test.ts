import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Design, RevisionList } from '@kro-designer/contracts';
import { afterAll, describe, expect, it } from 'vitest';
import { HttpClient, sampleRgd } from './testing/HttpClient.js';
import { spawnServer, type SpawnedServer } from './testing/spawnServer.js';

const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

/** A ~20 kB design text unique to `i`, with multi-byte characters so byte-for-byte really means bytes. */
function bigYaml(i: number): string {
  const lines = Array.from({ length: 400 }, (_, k) => `          k${k}: "value ${i}-${k} — ünïcødé ✓"`);
  return sampleRgd(`crash-${i}`, i).replace('          n: "' + i + '"\n', `          n: "${i}"\n${lines.join('\n')}\n`);
}

describe('crash safety', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'kro-designer-crash-'));
  let server: SpawnedServer | undefined;
  afterAll(async () => {
    server?.child.kill('SIGKILL');
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('keeps every acknowledged save byte for byte after kill -9 during 100 concurrent saves, and shows nothing half-written', async () => {
    server = await spawnServer({ DATA_DIR: dataDir });
    const api = new HttpClient(server.url);
    const designs: Design[] = [];
    for (let i = 0; i < 100; i++) {
      const res = await api.post<Design>('/api/designs', { name: `crash-${i}`, yaml: sampleRgd(`crash-${i}`) });
      expect(res.status).toBe(201);
      designs.push(res.body);
    }

    const acknowledged = new Map<string, string>();
    let answered = 0;
    let killed = false;
    const victim = server;
    const saves = designs.map(async (d, i) => {
      const yaml = bigYaml(i);
      try {
        const res = await fetch(`${victim.url}/api/designs/${d.id}`, {
          method: 'PUT',
          headers: { 'content-type': 'application/json', 'if-match': d.etag },
          body: JSON.stringify({ yaml, message: `save ${i}` }),
        });
        await res.text();
        if (res.ok) acknowledged.set(d.id, yaml);
      } catch {
        // The connection died with the server: this save was never acknowledged, so it may or may not be there.
      }
      answered++;
      // Kill once a few saves are acknowledged, so most of the 100 are still in flight.
      if (!killed && answered >= 10) {
        killed = true;
        victim.child.kill('SIGKILL');
      }
    });
    await Promise.all(saves);
    expect(await victim.exited).toBe('SIGKILL');
    expect(acknowledged.size).toBeGreaterThan(0);
    expect(acknowledged.size).toBeLessThan(100);

    server = await spawnServer({ DATA_DIR: dataDir });
    const after = new HttpClient(server.url);
    let landedUnacknowledged = 0;
    for (const [i, d] of designs.entries()) {
      const got = await after.get<Design>(`/api/designs/${d.id}`);
      expect(got.status).toBe(200);
      const head = got.body;
      expect(sha256(head.yaml)).toBe(head.contentHash);
      const revisions = await after.get<RevisionList>(`/api/designs/${d.id}/revisions`);
      expect(revisions.body.total).toBe(head.revision);
      if (acknowledged.has(d.id)) {
        expect(head.yaml).toBe(acknowledged.get(d.id));
        expect(head.revision).toBe(2);
      } else if (head.revision === 2) {
        expect(head.yaml).toBe(bigYaml(i));
        landedUnacknowledged++;
      } else {
        expect(head.revision).toBe(1);
        expect(head.yaml).toBe(sampleRgd(`crash-${i}`));
      }
    }
    // The figures, for the record of what the run exercised.
    console.log(`[crash] acknowledged ${acknowledged.size}/100; ${landedUnacknowledged} unacknowledged saves committed before the kill`);
    server.child.kill('SIGTERM');
    expect(await server.exited).toBe(0);
    server = undefined;
  }, 180_000);
});
