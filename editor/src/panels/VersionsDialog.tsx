/** The open template's versions: open one, or compare two on the canvas. */
import { useEffect, useState } from 'react';
import type { VersionSummary } from '../state/remote-actions.js';
import { useActions, useT } from '../state/editor-context.js';

/** The dialog. */
export function VersionsDialog({ id, onClose }: { id: string; onClose: () => void }) {
  const t = useT();
  const { remote, store } = useActions();
  const [versions, setVersions] = useState<VersionSummary[] | undefined>();
  const [from, setFrom] = useState<number | undefined>();
  const [to, setTo] = useState<number | undefined>();
  useEffect(() => {
    void remote.getVersions(id).then((list) => {
      const found = list ?? [];
      setVersions(found);
      setFrom(found.at(-2)?.version ?? found[0]?.version);
      setTo(found.at(-1)?.version);
    });
  }, [remote, id]);
  const numbers = versions?.map((v) => v.version) ?? [];
  return (
    <div className="dialog-backdrop" onClick={onClose}>
      <div
        className="dialog"
        role="dialog"
        aria-label={t('versions')}
        onClick={(e) => e.stopPropagation()}
        data-testid="versions-dialog"
      >
        <h3>
          {t('versions')} · <code>{id}</code>
        </h3>
        {!versions && <p className="hint">{t('loading')}</p>}
        <ul className="list">
          {versions?.map((v) => (
            <li key={v.version}>
              <button
                onClick={() =>
                  (!store.getState().isDirty() || window.confirm(t('discardChanges'))) &&
                  void remote.open(id, v.version).then(onClose)
                }
              >
                {t('open')} v{v.version}
              </button>
              <span>{v.status === 'published' ? `✓ ${t('published')}` : t('draft')}</span>
            </li>
          ))}
        </ul>
        <h4>{t('compare')}</h4>
        <div className="row">
          <select
            value={from}
            onChange={(e) => setFrom(Number(e.target.value))}
            aria-label={t('compareFrom')}
          >
            {numbers.map((n) => (
              <option key={n} value={n}>
                v{n}
              </option>
            ))}
          </select>
          <span className="fixed">→</span>
          <select
            value={to}
            onChange={(e) => setTo(Number(e.target.value))}
            aria-label={t('compareTo')}
          >
            {numbers.map((n) => (
              <option key={n} value={n}>
                v{n}
              </option>
            ))}
          </select>
          <button
            className="fixed primary"
            disabled={from === undefined || to === undefined}
            data-testid="compare"
            onClick={() => void remote.compare(id, from!, to!).then(onClose)}
          >
            {t('compare')}
          </button>
        </div>
        {/* A way out to tap: on a phone, "outside the dialog" is not obvious. */}
        <div className="actions">
          <button onClick={onClose}>{t('close')}</button>
        </div>
      </div>
    </div>
  );
}
