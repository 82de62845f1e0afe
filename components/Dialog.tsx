'use client';
/**
 * The one modal dialog of the application, on the native <dialog>: open
 * while it is mounted, rendered into <body>, titled by its own heading (a
 * unique id from useId, so two dialogs never share one), focus moved to the
 * element marked `data-autofocus` (else the browser's choice) and returned to
 * where it was when the dialog goes, Escape asking `onClose`. A panel (a
 * large dialog with no buttons of its own to end it) is given `closeLabel`:
 * a Close button in its head, for whoever does not know Escape.
 */
import { useId, useLayoutEffect, useRef, type ReactNode } from 'react';
import { createPortal } from 'react-dom';
import { DIALOG_CANCEL, DIALOG_CLOSE } from '@/lib/messages/commands';

export function Dialog({
  title,
  onClose,
  className,
  testId,
  closeLabel,
  children,
}: {
  title: ReactNode;
  /** Escape, the Close button, or the browser closing it: the owner unmounts it (or changes its step). */
  onClose: () => void;
  className?: string;
  testId?: string;
  /** The accessible name of the Close button in the dialog's head (it reads "Close"); none without it. */
  closeLabel?: string;
  children: ReactNode;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const mounted = useRef(false);
  useLayoutEffect(() => {
    const d = ref.current;
    if (!d) return;
    mounted.current = true;
    const returnTo = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    if (!d.open) d.showModal();
    d.querySelector<HTMLElement>('[data-autofocus]')?.focus();
    return () => {
      mounted.current = false;
      if (d.open) d.close();
      if (returnTo?.isConnected) returnTo.focus();
    };
  }, []);
  return createPortal(
    <dialog
      ref={ref}
      className={className}
      aria-labelledby={titleId}
      data-testid={testId}
      onCancel={(e) => {
        e.preventDefault();
        onClose();
      }}
      onClose={() => {
        // Closed by the browser (a second Escape cannot be refused) while still shown.
        if (mounted.current) onClose();
      }}
    >
      {closeLabel ? (
        <div className="dialog-head">
          <h2 id={titleId}>{title}</h2>
          <button type="button" className="dialog-close" aria-label={closeLabel} data-testid={testId ? `${testId}-close` : undefined} onClick={onClose}>
            {DIALOG_CLOSE}
          </button>
        </div>
      ) : (
        <h2 id={titleId}>{title}</h2>
      )}
      {children}
    </dialog>,
    document.body,
  );
}

/** A confirmation: a question, Cancel, and one button that acts. */
export function ConfirmDialog({
  title,
  children,
  confirmLabel,
  danger,
  onConfirm,
  onCancel,
  testId,
}: {
  title: string;
  children: ReactNode;
  confirmLabel: string;
  danger?: boolean;
  onConfirm: () => void;
  onCancel: () => void;
  testId?: string;
}) {
  return (
    <Dialog title={title} onClose={onCancel} className="confirm-dialog" testId={testId}>
      <div className="confirm-body">{children}</div>
      <div className="dialog-actions">
        <button type="button" onClick={onCancel}>
          {DIALOG_CANCEL}
        </button>
        <button type="button" className={danger ? 'danger-solid' : 'primary'} onClick={onConfirm} data-testid="confirm-ok">
          {confirmLabel}
        </button>
      </div>
    </Dialog>
  );
}
