import type { GridTarget } from './gridNav.js';

/** What is being edited in the table; `isNew` cards are discarded when the edit is cancelled. */
export interface TableEditing {
  kind: 'card' | 'stage' | 'lane';
  id: string;
  isNew?: boolean;
  /** Where focus was before a new card was added: cancelling goes back there. */
  returnTo?: GridTarget;
}
