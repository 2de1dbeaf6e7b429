/**
 * Publishing asks first: which version, that it never changes afterwards, what changed since the
 * last published version (the engine's semantic diff, with its verdict for running cases), and a
 * note kept with who published.
 */
import { useEffect, useState } from 'react';
import { diffTemplates, validateTemplate } from '@relief/engine';
import type { TemplateDiff } from '@relief/engine';
import { useActions, useEditor, useT } from '../state/editor-context.js';
import type { MessageKey } from '../i18n/messages.js';

const MAX_LISTED = 40;

/** The dialog. */
export function PublishDialog({ onClose }: { onClose: () => void }) {
  const t = useT();
  const { remote } = useActions();
  const lang = useEditor((s) => s.lang);
  const source = useEditor((s) => s.source);
  const id = useEditor((s) => s.template.id);
  const version = useEditor((s) => s.template.version);
  const [note, setNote] = useState('');
  const [diff, setDiff] = useState<TemplateDiff | null | undefined>();
  useEffect(() => {
    if (typeof id !== 'string') return setDiff(null);
    void remote.lastPublished(id).then((published) => {
      const now = validateTemplate(source).template;
      const then = published && validateTemplate(published.source).template;
      setDiff(
        now && then && published
          ? diffTemplates({ template: then, source: published.source }, { template: now, source })
          : null,
      );
    });
  }, [remote, id, source]);
  const kind = (k: string) => t(`changeKind.${k}` as MessageKey);
  return (
    <div className="dialog-backdrop" onClick={onClose}>
      <div
        className="dialog publish-dialog"
        role="dialog"
        aria-label={t('publish')}
        onClick={(e) => e.stopPropagation()}
        data-testid="publish-dialog"
      >
        <h3>{t('publishAsk', { v: String(version ?? '?') })}</h3>
        <p className="hint">{t('publishImmutable')}</p>
        {diff === undefined && <p className="hint">{t('loading')}</p>}
        {diff === null && <p className="hint">{t('publishFirst')}</p>}
        {diff && (
          <>
            <h4>
              {t('publishSince', { v: diff.from })} · {t('added')} {diff.counts.added} ·{' '}
              {t('changed')} {diff.counts.changed} · {t('removed')} {diff.counts.removed}
            </h4>
            {diff.changes.length === 0 && <p className="hint">{t('diffNothing')}</p>}
            <ul className="list diff-list" data-testid="publish-changes">
              {diff.changes.slice(0, MAX_LISTED).map((c, i) => (
                <li key={i} className={`diff-${c.change}`}>
                  <span className="fixed">{t(c.change)}</span> <span>{kind(c.kind)}</span>{' '}
                  <code>{c.key}</code>
                  {c.fields && c.fields.length > 0 && (
                    <span className="hint"> ({c.fields.join(', ')})</span>
                  )}
                </li>
              ))}
            </ul>
            {diff.changes.length > MAX_LISTED && (
              <p className="hint">{t('andMore', { n: diff.changes.length - MAX_LISTED })}</p>
            )}
            <p data-testid="publish-verdict">
              <strong>{t(`verdict.${diff.compatibility.verdict}` as MessageKey)}</strong>
            </p>
            <ul className="list">
              {diff.compatibility.concerns.map((c, i) => (
                <li key={i}>{c.message[lang]}</li>
              ))}
            </ul>
          </>
        )}
        <label className="publish-note">
          {t('publishNote')}
          <textarea
            value={note}
            onChange={(e) => setNote(e.target.value)}
            rows={2}
            maxLength={2000}
            data-testid="publish-note"
          />
        </label>
        <div className="actions">
          <button onClick={onClose}>{t('cancel')}</button>
          <button
            className="primary"
            data-testid="publish-confirm"
            onClick={() => {
              onClose();
              void remote.publish(note);
            }}
          >
            {t('publishConfirm')}
          </button>
        </div>
      </div>
    </div>
  );
}
