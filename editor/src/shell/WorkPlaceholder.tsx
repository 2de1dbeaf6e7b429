/** The Work area's place in the app, until it is built. */
import { useText } from './lang-store.js';

/** Says what will be here. */
export function WorkPlaceholder() {
  const t = useText();
  return (
    <main className="page narrow">
      <h1>{t('areaWork')}</h1>
      <p>{t('workSoon')}</p>
    </main>
  );
}
