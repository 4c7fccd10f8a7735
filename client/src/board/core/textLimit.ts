import type { ClipboardEvent } from 'react';
import { TEXT_MAX_CHARS } from '../../../../shared/model/schema.js';
import { cutText } from '../../../../shared/model/textLimit.js';
import { useToasts } from '../../ui/toasts.js';

/** How long a field's text may be, and what holds it ("A card"), for the message. */
export interface TextLimit {
  max: number;
  holder: string;
}

export const CARD_TEXT_LIMIT: TextLimit = { max: TEXT_MAX_CHARS, holder: 'A card' };
export const SHAPE_TEXT_LIMIT: TextLimit = { max: TEXT_MAX_CHARS, holder: 'A shape' };

const count = (n: number) => n.toLocaleString('en-US');

/** What a person is told when a paste was cut to fit. */
export function cutNotice(limit: TextLimit, dropped: number): string {
  return (
    `Pasted text shortened: ${limit.holder.toLowerCase()} holds at most ${count(limit.max)} ` +
    `characters, so the last ${count(dropped)} ${dropped === 1 ? 'was' : 'were'} left out.`
  );
}

/** The part of a text that may be pasted into a field holding `value` with `selected` characters selected. */
export function fittingPaste(
  pasted: string,
  fieldLength: number,
  selectedLength: number,
  max: number,
): string {
  return cutText(pasted, Math.max(0, max - (fieldLength - selectedLength)));
}

type TextField = HTMLTextAreaElement | HTMLInputElement;

/**
 * Pastes only what still fits in a field of `max` characters and returns how many characters
 * of the clipboard were left out (0: it all fits and the browser pastes as usual). An oversized
 * paste never reaches the field whole: a textarea holding megabytes takes the browser seconds
 * to lay out, which is what froze the page.
 */
export function pasteWithin(event: ClipboardEvent<TextField>, max: number): number {
  const field = event.currentTarget;
  const pasted = event.clipboardData.getData('text/plain');
  const start = field.selectionStart ?? field.value.length;
  const end = field.selectionEnd ?? start;
  const kept = fittingPaste(pasted, field.value.length, end - start, max);
  if (kept.length === pasted.length) return 0;
  event.preventDefault();
  // insertText keeps the field's own undo and fires `input`, so React sees the change.
  if (!document.execCommand('insertText', false, kept)) {
    field.setRangeText(kept, start, end, 'end');
    field.dispatchEvent(new Event('input', { bubbles: true }));
  }
  return pasted.length - kept.length;
}

/**
 * Props for a text field bound to a limit: the browser's `maxLength` (typing and dropping stop
 * there) and a paste handler that cuts an oversized paste and says so. Nothing without a limit.
 */
export function useTextLimit(limit: TextLimit | undefined): {
  maxLength?: number;
  onPaste?(event: ClipboardEvent<TextField>): void;
} {
  const toasts = useToasts();
  if (!limit) return {};
  return {
    maxLength: limit.max,
    onPaste: (event) => {
      const dropped = pasteWithin(event, limit.max);
      if (dropped > 0) toasts.show(cutNotice(limit, dropped));
    },
  };
}

/**
 * What the canvas draws of an item's text: all of it up to the limit. Text written by another
 * program may be longer; measuring megabytes for a tile would stall every frame.
 */
export function drawnText(text: string): string {
  return text.length > TEXT_MAX_CHARS ? cutText(text, TEXT_MAX_CHARS) : text;
}
