/** A page that could not load says why, in the person's language, with a retry. */
import { useLang, useText } from '../shell/lang-store.js';
import { problemText } from '../shell/problem-text.js';

/** The failure and a retry button. */
export function LoadError({ error, retry }: { error: unknown; retry: () => void }) {
  const t = useText();
  const lang = useLang();
  return (
    <p className="form-error" role="alert">
      {t('loadFailed', { detail: problemText(error, lang) })}{' '}
      <button onClick={retry}>{t('retry')}</button>
    </p>
  );
}
