import { createElement, type FormEvent, type KeyboardEvent, type ReactNode, type Ref } from 'react';
import { ModalBackdrop } from './ModalBackdrop';

export interface DialogProps {
  /** Escape, a press on the backdrop, and the dialog's own Close/Cancel buttons call this. */
  readonly onClose: () => void;
  /** Id of the element holding the dialog's title. */
  readonly labelledBy: string;
  readonly describedBy?: string;
  /** `alertdialog` for confirmations that interrupt. */
  readonly role?: 'dialog' | 'alertdialog';
  readonly className?: string;
  readonly testId?: string;
  /** A `form` dialog submits with Enter; `onSubmit` gets the event with its default already prevented. */
  readonly as?: 'div' | 'form';
  readonly onSubmit?: (e: FormEvent<HTMLFormElement>) => void;
  /** The dialog element, e.g. to focus it when it opens (it is focusable: tabIndex -1). */
  readonly dialogRef?: Ref<HTMLElement>;
  readonly children: ReactNode;
}

/**
 * The one modal dialog of the app: a backdrop that closes on a press outside, `role`/`aria-modal`/labels, and Escape
 * to close, so each dialog states only its content.
 */
export function Dialog({ onClose, labelledBy, describedBy, role = 'dialog', className, testId, as = 'div', onSubmit, dialogRef, children }: DialogProps) {
  return (
    <ModalBackdrop onClose={onClose}>
      {createElement(
        as,
        {
          ref: dialogRef,
          className: className ? `modal ${className}` : 'modal',
          role,
          'aria-modal': true,
          'aria-labelledby': labelledBy,
          ...(describedBy ? { 'aria-describedby': describedBy } : {}),
          ...(testId ? { 'data-testid': testId } : {}),
          tabIndex: -1,
          onKeyDown: (e: KeyboardEvent) => {
            if (e.key !== 'Escape') return;
            e.stopPropagation();
            onClose();
          },
          ...(as === 'form'
            ? {
                onSubmit: (e: FormEvent<HTMLFormElement>) => {
                  e.preventDefault();
                  onSubmit?.(e);
                },
              }
            : {}),
        },
        children,
      )}
    </ModalBackdrop>
  );
}
