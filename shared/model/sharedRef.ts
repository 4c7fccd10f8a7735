/** A shared copy's reference to its origin card (W301): `<boardId>/<cardId>`. */
import { ModelError } from './doc.js';

export const SHARED_REF_PATTERN = /^([A-Za-z0-9_-]{8,64})\/([A-Za-z0-9_-]{1,64})$/;
const SHARED_REF_RULE = "must be '<boardId>/<cardId>'";

/** An origin card: the board it stands on and its id there. */
export interface SharedRef {
  board: string;
  card: string;
}

export function parseSharedRef(value: string): SharedRef | null {
  const match = SHARED_REF_PATTERN.exec(value);
  return match ? { board: match[1]!, card: match[2]! } : null;
}

export const sharedRefOf = (ref: SharedRef): string => `${ref.board}/${ref.card}`;

/** A reader's check (read.ts FieldReader): null when `value` can be a shared reference. */
export const sharedRefCheck = (value: string): string | null =>
  SHARED_REF_PATTERN.test(value) ? null : SHARED_REF_RULE;

export function assertSharedRef(value: string | undefined, field: string): void {
  if (value !== undefined && !SHARED_REF_PATTERN.test(value))
    throw new ModelError(`sharedFrom ${SHARED_REF_RULE}; got '${value}'`, field);
}
