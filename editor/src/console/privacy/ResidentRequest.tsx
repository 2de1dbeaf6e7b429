/**
 * "居民的数据请求": an admin serves a resident's request on the case page — a copy of the case
 * (JSON, or one printable page in the app's language), and the erasure of its personal data after
 * a confirmation that names the resident, what goes and what stays. An open case cannot be erased:
 * the panel says why and what to do first.
 */
import { useState } from 'react';
import { dataMarks, figureFields } from '@relief/engine';
import type { Template } from '@relief/engine';
import { download } from '../export/table-export.js';
import { formatTime } from '../format.js';
import { useLang, useText } from '../../shell/lang-store.js';
import { pickLabel } from '../../shell/pick-label.js';
import { problemText } from '../../shell/problem-text.js';
import { api } from '../../shell/session-store.js';

/** The file name the server gave (`Content-Disposition`), or a fallback. */
function fileNameOf(headers: Headers, fallback: string): string {
  return /filename="([^"]+)"/.exec(headers.get('content-disposition') ?? '')?.[1] ?? fallback;
}

/** What erasure would remove and keep, by the template's marks and figures. */
export function erasurePlan(template: Template, data: Record<string, unknown>) {
  const kept = figureFields(template);
  const marked = [...dataMarks(template).keys()];
  return {
    removed: marked.filter((name) => !kept.has(name) && data[name] !== undefined),
    kept: marked.filter((name) => kept.has(name) && data[name] !== undefined),
  };
}

/** The panel. */
export function ResidentRequest(props: {
  caseId: string;
  name: string;
  done: boolean;
  template: Template;
  data: Record<string, unknown>;
  onErased: (text: string) => void;
}) {
  const t = useText();
  const lang = useLang();
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ ok: boolean; text: string }>();
  const [confirming, setConfirming] = useState(false);
  const copy = async (kind: 'json' | 'html') => {
    setBusy(true);
    setMessage(undefined);
    try {
      const path = { id: props.caseId };
      if (kind === 'json') {
        const answer = await api.answer('exportCase', { path });
        const file = fileNameOf(answer.headers, `case-${props.caseId}.json`);
        download(file, JSON.stringify(answer.body, null, 2), 'application/json');
        setMessage({ ok: true, text: t('exportCopyDone', { file }) });
      } else {
        const tz = Intl.DateTimeFormat().resolvedOptions().timeZone;
        const answer = await api.answer('printCase', { path, query: { lang, tz } });
        const file = fileNameOf(answer.headers, `case-${props.caseId}.html`);
        download(file, answer.body, 'text/html;charset=utf-8');
        setMessage({ ok: true, text: t('exportCopyDone', { file }) });
      }
    } catch (problem) {
      setMessage({ ok: false, text: problemText(problem, lang) });
    } finally {
      setBusy(false);
    }
  };
  return (
    <section className="panel" data-testid="resident-request">
      <h2>{t('residentRequest')}</h2>
      <p className="hint">{t('residentRequestHint')}</p>
      <div className="row-actions">
        <button disabled={busy} onClick={() => void copy('json')} data-testid="export-copy-json">
          {t('exportCopyJson')}
        </button>
        <button disabled={busy} onClick={() => void copy('html')} data-testid="export-copy-print">
          {t('exportCopyPrint')}
        </button>
      </div>
      {props.done ? (
        <button
          className="danger"
          disabled={busy}
          onClick={() => setConfirming(true)}
          data-testid="erase-open"
        >
          {t('eraseData')}
        </button>
      ) : (
        <p className="hint" data-testid="erase-open-case">
          {t('eraseOpenCase')}
        </p>
      )}
      {message && (
        <p className={message.ok ? 'ok' : 'form-error'} role={message.ok ? 'status' : 'alert'}>
          {message.text}
        </p>
      )}
      {confirming && (
        <EraseDialog
          {...props}
          onClose={() => setConfirming(false)}
          onDone={(text) => {
            setConfirming(false);
            props.onErased(text);
          }}
        />
      )}
    </section>
  );
}

function EraseDialog(props: {
  caseId: string;
  name: string;
  template: Template;
  data: Record<string, unknown>;
  onClose: () => void;
  onDone: (text: string) => void;
}) {
  const t = useText();
  const lang = useLang();
  const [note, setNote] = useState('');
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const plan = erasurePlan(props.template, props.data);
  const title = (name: string) =>
    pickLabel(props.template.data?.properties?.[name]?.title, lang, name);
  const erase = async () => {
    if (!note.trim()) return setError(t('eraseNoteRequired'));
    setBusy(true);
    setError(undefined);
    try {
      const done = await api.call('eraseCase', {
        path: { id: props.caseId },
        body: { note: note.trim() },
      });
      props.onDone(
        done.alreadyErased
          ? t('erasedAlready', { at: formatTime(done.at, lang) })
          : t('erasedDone', { n: done.fields.length }),
      );
    } catch (problem) {
      setError(problemText(problem, lang));
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="dialog-backdrop">
      <div
        className="dialog"
        role="dialog"
        aria-modal="true"
        aria-labelledby="erase-title"
        data-testid="erase-dialog"
      >
        <h2 id="erase-title">{t('eraseTitle', { name: props.name })}</h2>
        <p>{t('eraseRemoves')}</p>
        {plan.removed.length === 0 ? (
          <p className="empty">{t('eraseNothing')}</p>
        ) : (
          <ul className="plain erase-list" data-testid="erase-removed">
            {plan.removed.map((name) => (
              <li key={name}>{title(name)}</li>
            ))}
          </ul>
        )}
        <p>{t('eraseKeeps')}</p>
        {plan.kept.length > 0 && (
          <p className="hint" data-testid="erase-kept">
            {t('eraseKeepsFigures', {
              fields: plan.kept.map(title).join(lang === 'zh' ? '、' : ', '),
            })}
          </p>
        )}
        <label className="stack">
          {t('eraseNote')}
          <input
            value={note}
            onChange={(e) => {
              setNote(e.target.value);
              setError(undefined);
            }}
            maxLength={500}
            autoFocus
            data-testid="erase-note"
          />
        </label>
        <p className="form-error">{t('eraseCannotUndo')}</p>
        {error && (
          <p className="form-error" role="alert">
            {error}
          </p>
        )}
        <div className="actions">
          <button onClick={props.onClose} disabled={busy}>
            {t('cancel')}
          </button>
          <button
            className="danger"
            onClick={() => void erase()}
            disabled={busy}
            data-testid="erase-confirm"
          >
            {t('eraseConfirm')}
          </button>
        </div>
      </div>
    </div>
  );
}
