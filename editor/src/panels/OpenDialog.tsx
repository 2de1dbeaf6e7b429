/** Open a template from the server: its latest version, or a chosen one. */
import { useEffect, useState } from 'react';
import { labelText } from '@relief/engine';
import type { TemplateSummary } from '@relief/engine/contract';
import { ApiProblem } from '../api/api-problem.js';
import { problemText } from '../shell/problem-text.js';
import { useActions, useEditor, useT } from '../state/editor-context.js';

/** The versions the list names: the published one, and the latest when it is a newer draft. */
function versionsOf(item: TemplateSummary): { version: number; status: 'draft' | 'published' }[] {
  const published = item.publishedVersion;
  const out: { version: number; status: 'draft' | 'published' }[] = [];
  if (published !== null) out.push({ version: published, status: 'published' });
  if (item.latestVersion !== published) out.push({ version: item.latestVersion, status: 'draft' });
  return out;
}

/** The dialog. */
export function OpenDialog({ onClose }: { onClose: () => void }) {
  const t = useT();
  const { remote, store } = useActions();
  const lang = useEditor((s) => s.lang);
  const [list, setList] = useState<TemplateSummary[] | undefined>();
  // Why the list could not be had: a missing key and a key without the right are not "no templates".
  const [failure, setFailure] = useState<unknown>();
  useEffect(() => {
    remote.listTemplates().then(setList, (error: unknown) => {
      setList([]);
      setFailure(error ?? 'failed');
    });
  }, [remote]);
  const failed =
    failure === undefined
      ? undefined
      : failure instanceof ApiProblem && failure.status === 401
        ? t('openNeedKey')
        : failure instanceof ApiProblem && failure.status === 403
          ? t('openForbidden')
          : t('openFailed', { detail: problemText(failure, lang) });
  const open = async (id: string, version?: number) => {
    if (store.getState().isDirty() && !window.confirm(t('discardChanges'))) return;
    await remote.open(id, version);
    onClose();
  };
  return (
    <div className="dialog-backdrop" onClick={onClose}>
      <div
        className="dialog"
        role="dialog"
        aria-label={t('templates')}
        onClick={(e) => e.stopPropagation()}
        data-testid="open-dialog"
      >
        <h3>{t('templates')}</h3>
        {!list && <p className="hint">{t('loading')}</p>}
        {failed ? (
          <p className="check-bad" role="alert" data-testid="open-failed">
            {failed}
          </p>
        ) : (
          list?.length === 0 && <p className="hint">{t('noTemplates')}</p>
        )}
        <ul className="list">
          {list?.map((item) => (
            <li key={item.id}>
              <button
                className="primary"
                data-template={item.id}
                onClick={() => void open(item.id)}
              >
                {labelText(item.title, lang) ?? item.id}
              </button>
              <code>{item.id}</code>
              {versionsOf(item).map((v) => (
                <button
                  key={v.version}
                  onClick={() => void open(item.id, v.version)}
                  title={t(v.status)}
                >
                  v{v.version}
                  {v.status === 'published' ? ' ✓' : ''}
                </button>
              ))}
            </li>
          ))}
        </ul>
        <div className="actions">
          <button onClick={onClose}>{t('close')}</button>
        </div>
      </div>
    </div>
  );
}
