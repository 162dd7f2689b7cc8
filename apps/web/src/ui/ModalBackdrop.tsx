import type { ReactNode } from 'react';

/** The dimmed layer behind a dialog; a press on it (not on the dialog) closes the dialog. */
export function ModalBackdrop({ onClose, children }: { onClose: () => void; children: ReactNode }) {
  return (
    <div className="modal-backdrop" onMouseDown={(e) => e.target === e.currentTarget && onClose()}>
      {children}
    </div>
  );
}
