/** Paste the API key once; it is kept in this browser. */
import { useState } from 'react';
import { loadApiKey } from '../api/api-key.js';
import { signInWithKey } from '../shell/session-store.js';
import { useT } from '../state/editor-context.js';

/** The dialog. */
export function ApiKeyDialog({ onClose }: { onClose: () => void }) {
  const t = useT();
  const [key, setKey] = useState(loadApiKey() ?? '');
  return (
    <div className="dialog-backdrop" onClick={onClose}>
      <div
        className="dialog"
        role="dialog"
        aria-label={t('apiKey')}
        onClick={(e) => e.stopPropagation()}
      >
        <h3>{t('apiKey')}</h3>
        <p className="hint">{t('apiKeyHint')}</p>
        <input
          type="password"
          value={key}
          onChange={(e) => setKey(e.target.value)}
          aria-label={t('apiKey')}
          data-testid="api-key"
          autoFocus
        />
        <div className="actions">
          <button onClick={onClose}>{t('cancel')}</button>
          <button
            className="primary"
            data-testid="api-key-save"
            onClick={() => {
              signInWithKey(key);
              onClose();
            }}
          >
            {t('save')}
          </button>
        </div>
      </div>
    </div>
  );
}
