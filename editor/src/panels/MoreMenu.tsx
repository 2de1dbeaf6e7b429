/**
 * 更多 / More: the toolbar's rarer actions behind one button on a phone, as a menu button (the
 * WAI-ARIA pattern). The button says whether the menu is open (`aria-expanded`); a tap, Enter or
 * Space opens it on its first item, ↓ too and ↑ on its last; ↑ ↓ Home End move between the items;
 * Escape closes it and puts the focus back on the button; a tap or click outside it (which does
 * nothing else), Tab, or choosing an item closes it. Every item is a real button, 44 px tall
 * (designer.css).
 */
import { useEffect, useId, useRef, useState } from 'react';
import type { KeyboardEvent } from 'react';

/** One choice in the menu. */
export interface MenuItem {
  label: string;
  onSelect: () => void;
  disabled?: boolean;
  /** For the end-to-end tests: the same id as the desktop toolbar's button. */
  testId?: string;
  title?: string;
  /** A line above it (the menu's groups: the template, the picture, the key). */
  groupStart?: boolean;
}

/** The button and, while open, its menu below it (right-aligned). */
export function MoreMenu({
  label,
  menuLabel,
  items,
}: {
  label: string;
  menuLabel: string;
  items: MenuItem[];
}) {
  const [open, setOpen] = useState<false | 'first' | 'last'>(false);
  const wrapper = useRef<HTMLDivElement>(null);
  const button = useRef<HTMLButtonElement>(null);
  const menu = useRef<HTMLDivElement>(null);
  const id = useId();
  const enabled = () => [
    ...(menu.current?.querySelectorAll<HTMLButtonElement>('[role="menuitem"]:not(:disabled)') ??
      []),
  ];
  const close = (refocus: boolean) => {
    setOpen(false);
    if (refocus) button.current?.focus();
  };

  // Open: the focus goes to the first (or last) item; a press outside closes it.
  useEffect(() => {
    if (!open) return;
    const choices = enabled();
    (open === 'last' ? choices.at(-1) : choices[0])?.focus();
    const outside = (event: Event) => {
      if (wrapper.current?.contains(event.target as Node)) return;
      setOpen(false);
      // The tap that closes the menu does nothing else (as a phone's own menus): it would
      // otherwise select the state or transition under it, or press a button.
      if (event.type !== 'pointerdown') return;
      const swallow = (click: Event) => {
        click.stopPropagation();
        click.preventDefault();
      };
      document.addEventListener('click', swallow, { capture: true, once: true });
      setTimeout(() => document.removeEventListener('click', swallow, { capture: true }), 600);
    };
    const escape = (event: globalThis.KeyboardEvent) => {
      if (event.key === 'Escape') {
        event.stopPropagation();
        close(true);
      }
    };
    document.addEventListener('pointerdown', outside, true);
    document.addEventListener('focusin', outside, true);
    document.addEventListener('keydown', escape, true);
    return () => {
      document.removeEventListener('pointerdown', outside, true);
      document.removeEventListener('focusin', outside, true);
      document.removeEventListener('keydown', escape, true);
    };
  }, [open]);

  const onMenuKey = (event: KeyboardEvent) => {
    const choices = enabled();
    const at = choices.indexOf(document.activeElement as HTMLButtonElement);
    const move = (to: number) => choices[(to + choices.length) % choices.length]?.focus();
    if (event.key === 'ArrowDown') move(at + 1);
    else if (event.key === 'ArrowUp') move(at < 0 ? -1 : at - 1);
    else if (event.key === 'Home') move(0);
    else if (event.key === 'End') move(-1);
    else if (event.key === 'Tab') {
      setOpen(false);
      return;
    } else if (event.key.length === 1 && !event.ctrlKey && !event.metaKey && !event.altKey) {
      // A letter is not the canvas's shortcut while the menu has the focus (N added a state).
      event.stopPropagation();
      return;
    } else return;
    event.preventDefault();
    event.stopPropagation();
  };

  return (
    <div className="more-menu" ref={wrapper}>
      <button
        ref={button}
        type="button"
        className="more-button"
        aria-haspopup="menu"
        aria-expanded={open !== false}
        aria-controls={open ? id : undefined}
        aria-label={menuLabel}
        title={menuLabel}
        data-testid="toolbar-more"
        onClick={() => (open ? close(false) : setOpen('first'))}
        onKeyDown={(event) => {
          if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
            event.preventDefault();
            setOpen(event.key === 'ArrowUp' ? 'last' : 'first');
          }
        }}
      >
        {label} <span aria-hidden="true">▾</span>
      </button>
      {open && (
        <div
          className="more-list"
          role="menu"
          id={id}
          ref={menu}
          aria-label={menuLabel}
          data-testid="toolbar-menu"
          onKeyDown={onMenuKey}
        >
          {items.map((item) => (
            <button
              key={item.label}
              type="button"
              role="menuitem"
              className={item.groupStart ? 'group-start' : undefined}
              disabled={item.disabled}
              title={item.title}
              data-testid={item.testId}
              onClick={() => {
                close(true);
                item.onSelect();
              }}
            >
              {item.label}
            </button>
          ))}
        </div>
      )}
    </div>
  );
}
