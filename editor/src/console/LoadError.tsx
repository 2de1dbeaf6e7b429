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

/** The whole page while it loads or after it failed: the one frame every console page shows. */
export function LoadingPage({ error, retry }: { error: unknown; retry: () => void }) {
  const t = useText();
  return (
    <main className="page">
      {error !== undefined ? <LoadError error={error} retry={retry} /> : <p>{t('loading')}</p>}
    </main>
  );
}
