/**
 * Whether the screen is a phone's: below 768 px wide, or a touch screen at most 500 px tall (a
 * phone turned sideways), where the editor shows one area at a time under tabs and its toolbar
 * keeps one row (the same query as designer.css's phone layout).
 */
import { useSyncExternalStore } from 'react';

/** The media query of the phone layout (the CSS uses the same bound). */
export const PHONE_QUERY = '(max-width: 767px), (pointer: coarse) and (max-height: 500px)';

const media = () =>
  typeof window === 'undefined' || !window.matchMedia ? undefined : window.matchMedia(PHONE_QUERY);

/** Whether the phone layout applies now. */
export function isPhone(): boolean {
  return media()?.matches ?? false;
}

/** Whether the phone layout applies (re-renders when the window crosses the bound). */
export function usePhone(): boolean {
  return useSyncExternalStore(
    (changed) => {
      const list = media();
      list?.addEventListener('change', changed);
      return () => list?.removeEventListener('change', changed);
    },
    isPhone,
    () => false,
  );
}
