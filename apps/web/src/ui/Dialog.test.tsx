import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { Dialog } from './Dialog';

afterEach(cleanup);

describe('Dialog', () => {
  it('is a labelled modal that closes on Escape and on a press outside, not inside', () => {
    let closed = 0;
    render(
      <Dialog labelledBy="t" testId="d" onClose={() => closed++}>
        <h2 id="t">Title</h2>
        <input aria-label="field" />
      </Dialog>,
    );
    const dialog = screen.getByRole('dialog', { name: 'Title' });
    expect(dialog.getAttribute('aria-modal')).toBe('true');
    expect(dialog.className).toBe('modal');
    fireEvent.mouseDown(screen.getByLabelText('field'));
    expect(closed).toBe(0);
    fireEvent.keyDown(screen.getByLabelText('field'), { key: 'Escape' });
    expect(closed).toBe(1);
    fireEvent.mouseDown(dialog.parentElement!);
    expect(closed).toBe(2);
  });

  it('as a form, submits with its default prevented', () => {
    const submitted: boolean[] = [];
    render(
      <Dialog as="form" className="wire-dialog" labelledBy="t" onClose={() => undefined} onSubmit={(e) => submitted.push(e.defaultPrevented)}>
        <h2 id="t">Wire</h2>
        <button type="submit">Go</button>
      </Dialog>,
    );
    expect(screen.getByRole('dialog').tagName).toBe('FORM');
    expect(screen.getByRole('dialog').className).toBe('modal wire-dialog');
    fireEvent.click(screen.getByText('Go'));
    expect(submitted).toEqual([true]);
  });
});
