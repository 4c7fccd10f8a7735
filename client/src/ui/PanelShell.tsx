import { useId, useRef, type ReactNode } from 'react';
import './panel.css';
import { SheetGrip } from './SheetGrip.js';

interface PanelShellProps {
  title: ReactNode;
  /** The panel's `data-testid`. */
  testId: string;
  onClose(): void;
  /** The close button's accessible name: "Close comments". */
  closeLabel: string;
  closeTestId?: string;
  /** More classes on the panel, after `panel`. */
  className?: string;
  /** More classes on the scrolling body, after `panel-body`. */
  bodyClassName?: string;
  /** Buttons in the header, before the close button. */
  actions?: ReactNode;
  /** Between the header and the body, not scrolled with it (e.g. filter tabs). */
  toolbar?: ReactNode;
  /** Dialogs the panel opens, after its body. */
  dialogs?: ReactNode;
  /** The body's role, e.g. `tabpanel` under filter tabs. */
  bodyRole?: string;
  /** `data-*` attributes of the panel, for styles and tests. */
  [dataAttribute: `data-${string}`]: string | undefined;
  children: ReactNode;
}

/**
 * A right-hand panel of the board: a labelled `aside` with a header (title, optional actions,
 * close button) and a body that scrolls on its own. On a narrow screen (panel.css) the same
 * panel is a bottom sheet over the canvas, with a grip to resize or dismiss it.
 */
export function PanelShell(props: PanelShellProps) {
  const {
    title,
    testId,
    onClose,
    closeLabel,
    closeTestId,
    className,
    bodyClassName,
    actions,
    toolbar,
    dialogs,
    bodyRole,
    children,
    ...data
  } = props;
  const titleId = useId();
  const panel = useRef<HTMLElement>(null);
  const close = (
    <button
      type="button"
      className="btn btn-ghost btn-icon"
      data-testid={closeTestId}
      aria-label={closeLabel}
      title="Close"
      onClick={onClose}
    >
      <span aria-hidden="true">×</span>
    </button>
  );
  return (
    <aside
      {...data}
      ref={panel}
      // As a bottom sheet it covers the canvas: fits and reveals keep clear of it (overlays.ts).
      data-canvas-overlay=""
      className={className ? `panel ${className}` : 'panel'}
      data-testid={testId}
      aria-labelledby={titleId}
    >
      <SheetGrip sheet={panel} onDismiss={onClose} />
      <header className="panel-header">
        <h2 id={titleId} className="panel-title">
          {title}
        </h2>
        {actions ? (
          <div className="panel-header-actions">
            {actions}
            {close}
          </div>
        ) : (
          close
        )}
      </header>
      {toolbar}
      <div className={bodyClassName ? `panel-body ${bodyClassName}` : 'panel-body'} role={bodyRole}>
        {children}
      </div>
      {dialogs}
    </aside>
  );
}
