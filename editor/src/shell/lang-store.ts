/** The interface language of the whole app (kept in this browser); the editor follows it. */
import { createStore } from 'zustand/vanilla';
import { useStore } from 'zustand';
import type { Lang } from '../model/index.js';
import { translate } from '../i18n/messages.js';
import type { MessageKey } from '../i18n/messages.js';

const initial: Lang = (() => {
  try {
    return globalThis.localStorage?.getItem('relief.lang') === 'en' ? 'en' : 'zh';
  } catch {
    return 'zh';
  }
})();

/** The one language store. */
export const langStore = createStore<{ lang: Lang; setLang: (lang: Lang) => void }>((set) => ({
  lang: initial,
  setLang: (lang) => {
    try {
      localStorage.setItem('relief.lang', lang);
    } catch {
      /* private mode: the choice lasts for this page only */
    }
    document.documentElement.lang = lang === 'zh' ? 'zh-CN' : 'en';
    set({ lang });
  },
}));

/** The current language. */
export const useLang = (): Lang => useStore(langStore, (s) => s.lang);

/** A translator type. */
export type Translate = (key: MessageKey, args?: Record<string, string | number>) => string;

/** The translator for the current language. */
export function useText(): Translate {
  const lang = useLang();
  return (key, args) => translate(lang, key, args);
}
