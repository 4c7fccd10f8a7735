/**
 * A menu button's popup behaviour (WAI-ARIA menu pattern), shared by the top bar's menus: the
 * first enabled item takes focus on open, a press outside closes it, and the keys Esc (close,
 * focus back on the button), ↑/↓/Home/End (move) and Tab (close) work inside it.
 */
import { useEffect, useRef, useState, type KeyboardEvent } from 'react';

const ITEMS = '[role^=menuitem]:not(:disabled)';

export function useMenu<B extends HTMLElement = HTMLButtonElement>() {
  const [open, setOpen] = useState(false);
  const button = useRef<B>(null);
  const menu = useRef<HTMLDivElement>(null);

  const close = (refocus: boolean) => {
    setOpen(false);
    if (refocus) button.current?.focus();
  };

  useEffect(() => {
    if (!open) return;
    menu.current?.querySelector<HTMLElement>(ITEMS)?.focus();
    const onPointer = (event: PointerEvent) => {
      const target = event.target as Node;
      if (!menu.current?.contains(target) && !button.current?.contains(target)) setOpen(false);
    };
    document.addEventListener('pointerdown', onPointer);
    return () => document.removeEventListener('pointerdown', onPointer);
  }, [open]);

  const onMenuKey = (event: KeyboardEvent<HTMLElement>) => {
    const enabled = [...(menu.current?.querySelectorAll<HTMLElement>(ITEMS) ?? [])];
    const at = enabled.indexOf(document.activeElement as HTMLElement);
    const focus = (index: number) => enabled[(index + enabled.length) % enabled.length]?.focus();
    // The menu's keys are its own: Esc must not also clear the board's selection.
    event.stopPropagation();
    if (event.key === 'Escape') {
      event.preventDefault();
      close(true);
    } else if (event.key === 'ArrowDown') {
      event.preventDefault();
      focus(at + 1);
    } else if (event.key === 'ArrowUp') {
      event.preventDefault();
      focus(at - 1);
    } else if (event.key === 'Home') {
      event.preventDefault();
      focus(0);
    } else if (event.key === 'End') {
      event.preventDefault();
      focus(enabled.length - 1);
    } else if (event.key === 'Tab') close(false);
  };

  /** ↓ on the closed menu's button opens it. */
  const onButtonKey = (event: KeyboardEvent<HTMLElement>) => {
    if (event.key === 'ArrowDown' && !open) {
      event.preventDefault();
      setOpen(true);
    }
  };

  return { open, setOpen, close, button, menu, onMenuKey, onButtonKey };
}
