import { validateSource } from '@kro-designer/core';
import { describe, expect, it } from 'vitest';
import { DesignStore } from '../DesignStore';
import { applyFix } from './applyFix';
import { registry, webapp } from './testSupport';

describe('applyFix', () => {
  it("applies the core's suggestion for a misspelt field and the design validates again; undo restores the typo", () => {
    const broken = webapp.replace('name: ${deployment.metadata.name}', 'name: ${deployment.metadata.nmae}');
    const d = validateSource(broken, { registry }).diagnostics.find((x) => x.fixes?.length);
    expect(d?.code).toBe('cel/undefined-field');
    const store = new DesignStore(broken);
    expect(store.apply(applyFix(d!.fixes![0]!, broken)).ok).toBe(true);
    expect(store.getState().text).toBe(webapp);
    expect(validateSource(store.getState().text, { registry }).valid).toBe(true);
    store.undo();
    expect(store.getState().text).toBe(broken);
  });

  it('refuses a fix computed for another text', () => {
    const fix = { title: 'x', edits: [{ span: { start: 0, end: 1 }, newText: 'y' }] };
    expect(applyFix(fix, 'abc').run('abd')).toMatchObject({ ok: false });
  });
});
