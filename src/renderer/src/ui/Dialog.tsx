/**
 * A modal dialog on the native <dialog> element: the browser traps focus, closes on Escape and makes
 * the rest of the page inert, so no focus-trap code is needed. Closing by Escape or the backdrop
 * calls onClose, like the Close button.
 */
import { useEffect, useRef, type ReactElement, type ReactNode } from 'react';
import { Icon } from './icons';

export interface DialogProps {
  readonly title: string;
  readonly onClose: () => void;
  readonly children: ReactNode;
  /** Buttons at the bottom right. */
  readonly footer?: ReactNode;
  readonly testId?: string;
  readonly width?: number;
}

export function Dialog({ title, onClose, children, footer, testId, width = 520 }: DialogProps): ReactElement {
  const dialogRef = useRef<HTMLDialogElement>(null);
  const onCloseRef = useRef(onClose);
  useEffect(() => {
    onCloseRef.current = onClose;
  });

  useEffect(() => {
    const dialog = dialogRef.current;
    if (dialog === null) return;
    if (!dialog.open) dialog.showModal();
    const cancel = (event: Event): void => {
      event.preventDefault();
      onCloseRef.current();
    };
    dialog.addEventListener('cancel', cancel);
    return () => {
      dialog.removeEventListener('cancel', cancel);
      if (dialog.open) dialog.close();
    };
  }, []);

  return (
    <dialog
      ref={dialogRef}
      className="dialog"
      data-testid={testId}
      aria-labelledby="dialog-title"
      style={{ width }}
      onMouseDown={(event) => {
        if (event.target === dialogRef.current) onCloseRef.current();
      }}
    >
      <div className="dialog-frame">
        <header className="dialog-header">
          <h2 id="dialog-title">{title}</h2>
          <button type="button" className="icon-button" onClick={onClose} aria-label="Close">
            <Icon name="close" />
          </button>
        </header>
        <div className="dialog-body">{children}</div>
        {footer === undefined ? null : <footer className="dialog-footer">{footer}</footer>}
      </div>
    </dialog>
  );
}
