import type { ReactNode } from 'react';

/** An insight that names a card or stage: clicking it brings that item into view. */
export function FocusButton(props: {
  id: string;
  testId: string;
  className: string;
  onFocus(id: string): void;
  children: ReactNode;
}) {
  return (
    <button
      type="button"
      className={props.className}
      data-testid={props.testId}
      data-id={props.id}
      onClick={() => props.onFocus(props.id)}
    >
      {props.children}
    </button>
  );
}
