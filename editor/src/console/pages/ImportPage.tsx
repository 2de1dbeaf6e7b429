/**
 * Load a roster: a CSV or XLSX file, its columns mapped to the template's data fields (Chinese
 * headers matched by title), a preview, a dry run listing row errors (downloadable), then the
 * import in chunks with a progress bar.
 */
import { useMemo, useState } from 'react';
import { Link, useParams } from 'react-router';
import { fieldTitleAt } from '../../forms/localise-schema.js';
import { ApiProblem } from '../../api/api-problem.js';
import { ExportButtons } from '../export/ExportButtons.js';
import { LoadingPage } from '../LoadError.js';
import { readRoster } from '../roster/read-roster.js';
import type { RosterTable } from '../roster/read-roster.js';
import { REF, matchHeaders, toRecords } from '../roster/roster-rows.js';
import { sendImport } from '../roster/send-import.js';
import type { ImportProgress } from '../roster/send-import.js';
import { loadTemplate } from '../template-cache.js';
import { fieldsOf } from '../template-info.js';
import { useLoad } from '../use-load.js';
import { useLang, useText } from '../../shell/lang-store.js';
import { pickLabel } from '../../shell/pick-label.js';
import { fieldProblemText, problemText } from '../../shell/problem-text.js';
import { api } from '../../shell/session-store.js';

const PREVIEW_ROWS = 5;

/** The import page. */
export default function ImportPage() {
  const t = useText();
  const lang = useLang();
  const { id = '' } = useParams();
  const loaded = useLoad(async (signal) => {
    const programme = await api.call('getProgramme', { path: { id }, signal });
    return { programme, template: await loadTemplate(programme.template, programme.version) };
  }, id);
  const [table, setTable] = useState<RosterTable>();
  const [mapping, setMapping] = useState<string[]>([]);
  const [fileError, setFileError] = useState<string>();
  const [reading, setReading] = useState(false);
  const [progress, setProgress] = useState<ImportProgress>();
  const [phase, setPhase] = useState<
    'idle' | 'checking' | 'checked' | 'importing' | 'done' | 'stopped'
  >('idle');
  const [failure, setFailure] = useState<string>();
  const [fileName, setFileName] = useState<string>();

  const template = loaded.data?.template;
  const fields = useMemo(() => fieldsOf(template?.data), [template]);

  const onFile = async (file: File | undefined) => {
    if (!file || !template) return;
    setFileName(file.name);
    setReading(true);
    setFileError(undefined);
    setTable(undefined);
    setProgress(undefined);
    setPhase('idle');
    try {
      const read = await readRoster(file);
      if (read.rows.length === 0) throw new Error(t('fileEmpty'));
      setTable(read);
      setMapping(matchHeaders(read.header, fields));
    } catch (error) {
      setFileError(
        t('fileUnreadable', { detail: error instanceof Error ? error.message : String(error) }),
      );
    } finally {
      setReading(false);
    }
  };

  const missing = fields.filter((f) => f.required && !mapping.includes(f.name));
  const records = useMemo(
    () => (table ? toRecords(table.rows, mapping, fields) : []),
    [table, mapping, fields],
  );

  const run = async (dryRun: boolean) => {
    setFailure(undefined);
    setPhase(dryRun ? 'checking' : 'importing');
    setProgress({ done: 0, total: records.length, created: 0, skipped: 0, failed: 0, errors: [] });
    try {
      const result = await sendImport(api, id, records, { dryRun, onProgress: setProgress });
      setProgress(result);
      setPhase(dryRun ? 'checked' : 'done');
    } catch (error) {
      const p = (error as { progress?: ImportProgress }).progress;
      if (p) setProgress(p);
      setFailure(problemText(error, lang));
      setPhase(dryRun ? 'idle' : 'stopped');
    }
  };

  if (loaded.error !== undefined || !loaded.data || !template)
    return <LoadingPage error={loaded.error} retry={loaded.reload} />;

  const fieldLabel = (name: string) =>
    name === REF
      ? t('refField')
      : pickLabel(fields.find((f) => f.name === name)?.title, lang, name);
  const errorRows = (progress?.errors ?? []).flatMap((e) => {
    const fileRow = e.row + 1; // the header is row 1 of the sheet
    const fieldErrors = e.errors?.length ? e.errors : [{ path: '', message: e.message }];
    return fieldErrors.map((fe) => {
      const field = fe.path.replace(/^\/(data\/)?/, '').split('/')[0] ?? '';
      const column =
        field && mapping.includes(field)
          ? (table?.header[mapping.indexOf(field)] ?? fieldLabel(field))
          : fieldLabel(field) || '—';
      const message = fe.path
        ? fieldProblemText(`/${field}`, fe.message, lang, (p) =>
            fieldTitleAt(template.data, p, lang),
          )
        : e.code === 'duplicate-ref'
          ? t('problem.duplicate-ref')
          : problemText(new ApiProblem(422, e.code, e.message, []), lang);
      return [fileRow, column, message] as [number, string, string];
    });
  });
  const busy = phase === 'checking' || phase === 'importing';
  const percent =
    progress && progress.total ? Math.round((progress.done / progress.total) * 100) : 0;

  return (
    <main className="page" data-testid="import-page">
      <div className="page-head">
        <h1>
          {t('importRoster')} · {loaded.data.programme.title}
        </h1>
        <Link to={`/programmes/${id}`}>{t('back')}</Link>
      </div>
      <p className="file-caption">{t('rosterFile')}</p>
      <label className={`file-pick button primary ${busy ? 'disabled' : ''}`}>
        {t('chooseFile')}
        <input
          type="file"
          className="visually-hidden"
          accept=".csv,.xlsx,.xls,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
          onChange={(e) => void onFile(e.target.files?.[0])}
          data-testid="roster-file"
          disabled={busy}
        />
      </label>
      {fileName && <span className="file-name">{fileName}</span>}
      {reading && <p>{t('readingFile')}</p>}
      {fileError && (
        <p className="form-error" role="alert">
          {fileError}
        </p>
      )}
      {table && (
        <>
          <p data-testid="rows-read">{t('rowsRead', { n: table.rows.length })}</p>
          <section className="panel">
            <h2>{t('columnMapping')}</h2>
            <p className="hint">{t('columnMappingHint')}</p>
            <div className="mapping" data-testid="mapping">
              {table.header.map((h, i) => (
                <label key={i} className="mapping-row">
                  <span className="mapping-col">{h || `#${i + 1}`}</span>
                  <span aria-hidden>→</span>
                  <select
                    value={mapping[i] ?? ''}
                    data-testid={`map-${i}`}
                    onChange={(e) => {
                      const next = [...mapping];
                      next[i] = e.target.value;
                      setMapping(next);
                      setPhase('idle');
                    }}
                  >
                    <option value="">{t('skipColumn')}</option>
                    <option value={REF}>{t('refField')}</option>
                    {fields.map((f) => (
                      <option key={f.name} value={f.name}>
                        {pickLabel(f.title, lang, f.name)}
                        {f.required ? ' *' : ''}
                      </option>
                    ))}
                  </select>
                </label>
              ))}
            </div>
            {missing.map((f) => (
              <p key={f.name} className="form-error" role="alert">
                {t('missingRequired', { field: pickLabel(f.title, lang, f.name) })}
              </p>
            ))}
          </section>
          <section className="panel">
            <h2>{t('preview', { n: Math.min(PREVIEW_ROWS, table.rows.length) })}</h2>
            <div className="table-wrap">
              <table className="grid" data-testid="preview">
                <thead>
                  <tr>
                    <th>{t('row')}</th>
                    {mapping.map((f, i) => (f ? <th key={i}>{fieldLabel(f)}</th> : null))}
                  </tr>
                </thead>
                <tbody>
                  {table.rows.slice(0, PREVIEW_ROWS).map((r, n) => (
                    <tr key={n}>
                      <td className="num">{n + 2}</td>
                      {mapping.map((f, i) => (f ? <td key={i}>{r[i]}</td> : null))}
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </section>
          <div className="toolbar-row">
            <button
              disabled={busy || missing.length > 0}
              onClick={() => void run(true)}
              data-testid="dry-run"
            >
              {t('dryRun')}
            </button>
            <button
              className="primary"
              disabled={busy || missing.length > 0}
              onClick={() => void run(false)}
              data-testid="import-now"
            >
              {t('importNow')}
            </button>
          </div>
          {progress &&
            (phase === 'importing' ||
              phase === 'checking' ||
              phase === 'done' ||
              phase === 'stopped') && (
              <div className="progress-line">
                <progress
                  max={progress.total}
                  value={progress.done}
                  data-testid="import-progress"
                />
                <span>
                  {t('importing', { done: progress.done, total: progress.total })} ({percent}%)
                </span>
              </div>
            )}
          {failure && (
            <p className="form-error" role="alert">
              {failure}
            </p>
          )}
          {phase === 'checked' && progress && (
            <p
              className={progress.failed ? 'form-error' : 'ok'}
              data-testid="dry-run-result"
              role="status"
            >
              {progress.failed
                ? t('dryRunErrors', {
                    ok: progress.created + progress.skipped,
                    bad: progress.failed,
                  })
                : t('dryRunOk', { n: progress.created + progress.skipped })}
            </p>
          )}
          {phase === 'done' && progress && (
            <p className="ok" data-testid="import-result" role="status">
              {t('importDone', {
                created: progress.created,
                skipped: progress.skipped,
                failed: progress.failed,
              })}{' '}
              <Link to={`/programmes/${id}`}>{t('dashboard')}</Link>
            </p>
          )}
          {phase === 'stopped' && progress && (
            <p className="form-error" data-testid="import-stopped" role="alert">
              {t('importStopped', { created: progress.created })}
            </p>
          )}
          {errorRows.length > 0 && (
            <section className="panel">
              <div className="panel-head">
                <h2>{t('rowErrors')}</h2>
                <ExportButtons
                  name="row-errors"
                  header={[t('row'), t('column'), t('errorMessage')]}
                  rows={errorRows}
                />
              </div>
              <div className="table-wrap short">
                <table className="grid" data-testid="row-errors">
                  <thead>
                    <tr>
                      <th>{t('row')}</th>
                      <th>{t('column')}</th>
                      <th>{t('errorMessage')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {errorRows.slice(0, 1000).map(([row, column, message], i) => (
                      <tr key={i}>
                        <td className="num">{row}</td>
                        <td>{column}</td>
                        <td>{message}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            </section>
          )}
        </>
      )}
    </main>
  );
}
