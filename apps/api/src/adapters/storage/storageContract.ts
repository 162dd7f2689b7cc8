import { describe, expect, it, beforeAll, afterAll } from 'vitest';
import type { NewAuditEntry } from '../../ports/AuditLog.js';
import type { NewContent } from '../../ports/DesignRepository.js';
import { migrate, SchemaTooNewError } from './migrate.js';
import type { Storage } from './openStorage.js';

let seq = 0;
const content = (yaml: string, extra: Partial<NewContent> = {}): NewContent => ({
  yaml,
  contentHash: `hash-${yaml.length}-${yaml.slice(0, 8)}`,
  kind: 'App',
  valid: true,
  errorCount: 0,
  message: 'm',
  ...extra,
});
const audit = (action: string): NewAuditEntry => ({ at: new Date('2026-01-01T00:00:00Z'), actor: 'ann', action, workspace: 'default' });

/**
 * The storage contract: what every driver must do identically. Run by `pgliteStorage.test.ts` on embedded PGlite
 * and by `postgresStorage.test.ts` on a real PostgreSQL server.
 */
export function describeStorageContract(name: string, open: () => Promise<{ storage: Storage; dispose(): Promise<void> }>): void {
  describe(`storage contract (${name})`, () => {
    let storage: Storage;
    let dispose: () => Promise<void>;
    const at = (minute: number) => new Date(Date.UTC(2026, 0, 1, 0, minute));
    const newDesign = async (nameText: string, yaml = `a: ${seq}\n`, workspace = 'default', minute = seq) => {
      const id = `design-${seq++}-${nameText}`;
      return storage.designs.create({ id, workspace, name: nameText, description: '', content: content(yaml), author: 'ann', at: at(minute) }, audit('design.create'));
    };

    beforeAll(async () => {
      ({ storage, dispose } = await open());
    });
    afterAll(() => dispose?.());

    it('migrates once and refuses a database newer than the code', async () => {
      expect(await migrate(storage.db)).toEqual([]);
      await expect(migrate(storage.db, [{ version: 0, name: 'old', sql: 'SELECT 1' }])).rejects.toBeInstanceOf(SchemaTooNewError);
    });

    it('creates a design as revision 1 and reads it back byte for byte', async () => {
      const yaml = 'key: "ünïcødé ✓"\r\n# comment\n\ttab: x\n';
      const d = await newDesign('roundtrip', yaml);
      expect(d).toMatchObject({ revision: 1, version: 1, name: 'roundtrip', createdBy: 'ann', workspace: 'default' });
      expect((await storage.designs.get(d.id))?.yaml).toBe(yaml);
      expect(await storage.designs.getRevision(d.id, 1)).toMatchObject({ revision: 1, yaml, author: 'ann', size: yaml.length, restoredFrom: null });
      expect(await storage.designs.get('missing')).toBeUndefined();
    });

    it('updates with compare-and-set: a content change is a new revision, a stale version is refused', async () => {
      const d = await newDesign('cas');
      await storage.designs.saveDraft({ designId: d.id, author: 'ann', yaml: 'draft', contentHash: 'h', baseRevision: 1, updatedAt: at(1) });
      await storage.designs.saveDraft({ designId: d.id, author: 'bob', yaml: 'bob draft', contentHash: 'h', baseRevision: 1, updatedAt: at(1) });
      const ok = await storage.designs.update(d.id, 1, { content: content('b: 2\n'), author: 'ann', at: at(2) }, audit('design.update'));
      expect(ok.ok && ok.value).toMatchObject({ revision: 2, version: 2, yaml: 'b: 2\n', updatedBy: 'ann' });
      expect(await storage.designs.getDraft(d.id, 'ann')).toBeUndefined();
      expect(await storage.designs.getDraft(d.id, 'bob')).toMatchObject({ yaml: 'bob draft' });

      const stale = await storage.designs.update(d.id, 1, { content: content('c: 3\n'), author: 'bob', at: at(3) }, audit('design.update'));
      expect(stale).toMatchObject({ ok: false, current: { revision: 2, version: 2 } });
      const meta = await storage.designs.update(d.id, 2, { name: 'renamed', author: 'bob', at: at(4) }, audit('design.update'));
      expect(meta.ok && meta.value).toMatchObject({ revision: 2, version: 3, name: 'renamed', yaml: 'b: 2\n' });
      expect((await storage.designs.update('missing', 1, { name: 'x', author: 'a', at: at(5) }, audit('x'))).ok).toBe(false);
    });

    it('lets exactly one of many concurrent writers at the same version win', async () => {
      const d = await newDesign('race');
      const results = await Promise.all(
        Array.from({ length: 8 }, (_, i) => storage.designs.update(d.id, 1, { content: content(`w: ${i}\n`), author: `w${i}`, at: at(6) }, audit('design.update'))),
      );
      expect(results.filter((r) => r.ok)).toHaveLength(1);
      const head = await storage.designs.get(d.id);
      expect(head?.revision).toBe(2);
      expect((await storage.designs.listRevisions(d.id, 10, 0)).items.map((r) => r.revision)).toEqual([2, 1]);
    });

    it('rolls a failed write back whole', async () => {
      const d = await newDesign('atomic');
      // A duplicate id fails on the designs row after nothing else was written; the revision insert must not survive.
      await expect(
        storage.designs.create({ id: d.id, workspace: 'default', name: 'dup', description: '', content: content('zzz'), author: 'x', at: at(7) }, audit('design.create')),
      ).rejects.toThrow();
      expect((await storage.designs.listRevisions(d.id, 10, 0)).total).toBe(1);
      expect((await storage.designs.get(d.id))?.name).toBe('atomic');
    });

    it('lists with workspace filter, search (wildcards literal), sort and paging', async () => {
      await storage.access.createWorkspace({ id: 'other', name: 'Other', createdAt: at(0) });
      await newDesign('Pear 100%', 'x: 1\n', 'other', 30);
      await newDesign('apple_pie', 'x: 2\n', 'other', 31);
      await newDesign('banana', 'x: 3\n', 'other', 32);
      const q = { sort: 'name' as const, order: 'asc' as const, limit: 10, offset: 0 };
      const inOther = await storage.designs.list({ ...q, workspaces: ['other'] });
      expect(inOther.items.map((d) => d.name)).toEqual(['apple_pie', 'banana', 'Pear 100%']);
      expect((await storage.designs.list({ ...q, workspaces: [] })).total).toBe(0);
      expect((await storage.designs.list({ ...q, workspaces: ['other'], text: '100%' })).items.map((d) => d.name)).toEqual(['Pear 100%']);
      expect((await storage.designs.list({ ...q, workspaces: ['other'], text: 'e_p' })).items.map((d) => d.name)).toEqual(['apple_pie']);
      expect((await storage.designs.list({ ...q, workspaces: ['other'], text: 'PIE' })).total).toBe(1);
      const byUpdated = await storage.designs.list({ ...q, workspaces: ['other'], sort: 'updatedAt', order: 'desc', limit: 2, offset: 1 });
      expect(byUpdated).toMatchObject({ total: 3, items: [{ name: 'apple_pie' }, { name: 'Pear 100%' }] });
      expect((await storage.designs.list({ ...q })).total).toBeGreaterThan(3);
    });

    it('keeps drafts per author with versions and optional compare-and-set', async () => {
      const d = await newDesign('drafts');
      const base = { designId: d.id, author: 'ann', contentHash: 'h', baseRevision: 1, updatedAt: at(8) };
      const first = await storage.designs.saveDraft({ ...base, yaml: 'one' });
      expect(first.ok && first.value.version).toBe(1);
      const second = await storage.designs.saveDraft({ ...base, yaml: 'two' }, 1);
      expect(second.ok && second.value).toMatchObject({ version: 2, yaml: 'two' });
      expect(await storage.designs.saveDraft({ ...base, yaml: 'three' }, 1)).toMatchObject({ ok: false, current: { version: 2 } });
      expect(await storage.designs.saveDraft({ ...base, author: 'new', yaml: 'x' }, 1)).toEqual({ ok: false, current: undefined });
      expect(await storage.designs.deleteDraft(d.id, 'ann')).toBe(true);
      expect(await storage.designs.deleteDraft(d.id, 'ann')).toBe(false);
    });

    it('deletes with compare-and-set, taking revisions and drafts along, keeping the audit trail', async () => {
      const d = await newDesign('delete-me');
      await storage.designs.saveDraft({ designId: d.id, author: 'ann', yaml: 'd', contentHash: 'h', baseRevision: 1, updatedAt: at(9) });
      expect((await storage.designs.delete(d.id, 7, audit('design.delete'))).ok).toBe(false);
      expect((await storage.designs.delete(d.id, 1, audit('design.delete'))).ok).toBe(true);
      expect(await storage.designs.get(d.id)).toBeUndefined();
      expect(await storage.designs.getRevision(d.id, 1)).toBeUndefined();
      expect(await storage.designs.getDraft(d.id, 'ann')).toBeUndefined();
      const trail = await storage.audit.list({ workspace: 'default', designId: d.id, limit: 10, offset: 0 });
      expect(trail.items.map((e) => [e.action, e.revision])).toEqual([
        ['design.delete', 1],
        ['design.create', 1],
      ]);
    });

    it('pages 1,000 revisions newest first', async () => {
      const d = await newDesign('many');
      let version = 1;
      for (let i = 2; i <= 1000; i++) {
        const r = await storage.designs.update(d.id, version, { content: content(`rev: ${i}\n`), author: 'ann', at: at(10) }, audit('design.update'));
        if (!r.ok) throw new Error('unexpected stale write');
        version = r.value.version;
      }
      const page = await storage.designs.listRevisions(d.id, 50, 100);
      expect(page.total).toBe(1000);
      expect(page.items.map((r) => r.revision)).toEqual(Array.from({ length: 50 }, (_, i) => 900 - i));
      expect((await storage.designs.getRevision(d.id, 500))?.yaml).toBe('rev: 500\n');
    }, 120_000);

    it('stores users, sessions, tokens, workspaces and memberships', async () => {
      const a = storage.access;
      const user = { id: 'u1', username: 'ann', displayName: 'Ann', passwordHash: 'scrypt$x', siteAdmin: false, createdAt: at(0) };
      expect(await a.createUser(user)).toBe(true);
      expect(await a.createUser({ ...user, id: 'u2' })).toBe(false);
      expect(await a.findUserByUsername('ann')).toMatchObject({ id: 'u1', siteAdmin: false });
      await a.setPasswordHash('u1', 'scrypt$y');
      expect((await a.findUserById('u1'))?.passwordHash).toBe('scrypt$y');

      await a.createSession({ idHash: 's1', userId: 'u1', csrfToken: 'c', createdAt: at(0), expiresAt: at(60) });
      await a.createSession({ idHash: 's2', userId: 'u1', csrfToken: 'c', createdAt: at(0), expiresAt: at(1) });
      expect(await a.findSession('s1')).toMatchObject({ userId: 'u1', csrfToken: 'c' });
      expect(await a.deleteExpiredSessions(at(30))).toBe(1);
      await a.deleteSessionsOfUser('u1', 's1');
      expect(await a.findSession('s1')).toBeDefined();
      await a.deleteSession('s1');
      expect(await a.findSession('s1')).toBeUndefined();

      await a.createToken({ id: 't1', userId: 'u1', name: 'ci', tokenHash: 'th', role: 'viewer', workspace: null, createdAt: at(0), expiresAt: null, lastUsedAt: null, revokedAt: null });
      await a.markTokenUsed('t1', at(2));
      expect(await a.findTokenByHash('th')).toMatchObject({ role: 'viewer', lastUsedAt: at(2) });
      expect(await a.listTokens('u1')).toHaveLength(1);
      expect(await a.revokeToken('u1', 't1', at(3))).toBe(true);
      expect(await a.revokeToken('u1', 't1', at(3))).toBe(false);
      expect(await a.listTokens('u1')).toHaveLength(0);

      expect(await a.createWorkspace({ id: 'team', name: 'Team', createdAt: at(0) })).toBe(true);
      expect(await a.createWorkspace({ id: 'team', name: 'Again', createdAt: at(0) })).toBe(false);
      await a.setMember('team', 'u1', 'editor');
      await a.setMember('team', 'u1', 'deployer');
      expect(await a.membershipsOf('u1')).toEqual([{ workspace: 'team', role: 'deployer' }]);
      expect(await a.listMembers('team')).toEqual([{ userId: 'u1', username: 'ann', displayName: 'Ann', role: 'deployer' }]);
      expect(await a.removeMember('team', 'u1')).toBe(true);
      expect(await a.countUsers()).toBe(1);
    });

    it('records deploys per cluster and finds the latest applied spec', async () => {
      const d = storage.deployments;
      const steps = [{ step: 'applied' as const, status: 'pending' as const }];
      const base = { cluster: 'c1', rgdName: 'web', yaml: 'a: 1\n', state: 'in-progress' as const, steps, diagnostics: [], by: 'ann' };
      await d.insert({ ...base, id: 'd1', designId: 'x', revision: 3, workspace: 'default', startedAt: at(1), updatedAt: at(1) });
      expect(await d.latestApplied('c1', 'web')).toBeUndefined();
      const spec = { schema: { kind: 'Web', spec: { n: 'integer' } }, resources: [{ id: 'a' }] };
      await d.update('d1', { state: 'active', steps: [{ step: 'applied', status: 'done', at: at(2).toISOString() }], diagnostics: [], updatedAt: at(2), appliedSpec: spec });
      await d.insert({ ...base, id: 'd2', startedAt: at(3), updatedAt: at(3) });
      await d.insert({ ...base, id: 'd3', cluster: 'c2', startedAt: at(4), updatedAt: at(4), appliedSpec: { other: true } });
      // An update without a spec keeps the one recorded.
      await d.update('d1', { state: 'active', steps: [], diagnostics: [], updatedAt: at(5) });
      const latest = await d.latestApplied('c1', 'web');
      expect(latest).toMatchObject({ id: 'd1', designId: 'x', revision: 3, workspace: 'default', state: 'active', appliedSpec: spec, by: 'ann' });
      expect(latest?.updatedAt.toISOString()).toBe(at(5).toISOString());
      expect((await d.get('d2'))?.appliedSpec).toBeUndefined();
      expect((await d.get('d3'))?.appliedSpec).toEqual({ other: true });
      expect(await d.get('nope')).toBeUndefined();
    });
  });
}
