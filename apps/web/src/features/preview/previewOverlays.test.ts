import { describe, expect, it } from 'vitest';
import type { PreviewResource } from '../validation/protocol';
import { exclusionReason, previewOverlays } from './previewOverlays';

const base = { objects: [], pending: [], forEach: [], errors: [] } as const;

describe('previewOverlays', () => {
  it('dims excluded nodes, counts forEach items and badges pending nodes with what they wait for', () => {
    const resources: PreviewResource[] = [
      { ...base, id: 'web', state: 'rendered' },
      { ...base, id: 'ingress', state: 'excluded', excludedBy: { resourceId: 'ingress', expression: 'schema.spec.ingress.enabled' } },
      { ...base, id: 'cert', state: 'excluded', excludedBy: { resourceId: 'ingress' } },
      { ...base, id: 'regions', state: 'rendered', forEach: ['region'], cardinality: 3 },
      { ...base, id: 'app', state: 'pending', pending: [{ path: 'spec.x', waitsFor: 'database.status.endpoint' }, { path: 'spec.y', waitsFor: 'database.status.endpoint' }] },
    ];
    const o = previewOverlays(resources);
    expect(o.has('web')).toBe(false);
    expect(o.get('ingress')).toMatchObject({ dimmed: true, badges: [{ key: 'excluded', title: 'includeWhen ${schema.spec.ingress.enabled} is false' }] });
    expect(exclusionReason(resources[2]!)).toBe('excluded because ingress is excluded');
    expect(o.get('regions')?.badges?.map((b) => b.text)).toEqual(['× 3']);
    expect(o.get('app')?.badges).toEqual([{ key: 'pending', text: 'pending', tone: 'warning', title: 'waits for database.status.endpoint' }]);
  });
});
