import { describe, expect, it } from 'vitest';
import { DesignStore, type Command } from './DesignStore';

const append = (suffix: string): Command => ({ label: `append ${suffix}`, run: (text) => ({ ok: true, text: text + suffix }) });
const failing: Command = { label: 'fail', run: () => ({ ok: false, message: 'no' }) };

describe('DesignStore', () => {
  it('coalesces typing within the window into one undo step and restores the exact text', () => {
    let t = 0;
    const store = new DesignStore('a', { now: () => t, coalesceMs: 1000 });
    store.setTextFromEditor('ab');
    t = 500;
    store.setTextFromEditor('abc');
    t = 3000;
    store.setTextFromEditor('abcd');
    expect(store.undo()).toBe(true);
    expect(store.getState().text).toBe('abc');
    expect(store.undo()).toBe(true);
    expect(store.getState().text).toBe('a');
    expect(store.undo()).toBe(false);
    expect(store.redo()).toBe(true);
    expect(store.getState().text).toBe('abc');
  });

  it('puts commands and editor changes on one history', () => {
    let t = 0;
    const store = new DesignStore('x', { now: () => t });
    store.apply(append('1'));
    t = 10;
    store.setTextFromEditor('x1 typed');
    t = 20;
    store.apply(append('2'));
    expect(store.getState()).toMatchObject({ text: 'x1 typed2', canUndo: true, canRedo: false, label: 'append 2' });
    store.undo();
    expect(store.getState().text).toBe('x1 typed');
    store.undo();
    expect(store.getState().text).toBe('x1');
    store.undo();
    expect(store.getState().text).toBe('x');
    expect(store.getState().canUndo).toBe(false);
  });

  it('a new change clears redo; a failed command changes nothing', () => {
    const store = new DesignStore('x');
    store.apply(append('1'));
    store.undo();
    expect(store.getState().canRedo).toBe(true);
    const v = store.getState().version;
    expect(store.apply(failing)).toEqual({ ok: false, message: 'no' });
    expect(store.getState().version).toBe(v);
    store.load('other', 'Starter');
    expect(store.getState().canRedo).toBe(false);
    store.undo();
    expect(store.getState().text).toBe('x');
  });

  it('notifies subscribers and bumps the version on each change', () => {
    const store = new DesignStore('x');
    let calls = 0;
    const off = store.subscribe(() => calls++);
    store.apply(append('1'));
    store.undo();
    off();
    store.redo();
    expect(calls).toBe(2);
    expect(store.getState().version).toBe(4);
  });
});
