/**
 * The auditor's view of the access log: the bulk reads (readers of more than N cases of one
 * programme in a window), then the reads themselves, newest first, by person, by programme or of
 * one case — filters kept in the URL, so a link names exactly what was looked at.
 */
import { useState } from 'react';
import { useSearchParams } from 'react-router';
import { CaseReadsTable } from '../privacy/CaseReadsTable.js';
import { loadReadNames, readerName } from '../privacy/reader-names.js';
import { formatTime, shortId } from '../format.js';
import { LoadError } from '../LoadError.js';
import { useLoad } from '../use-load.js';
import { useLang, useText } from '../../shell/lang-store.js';
import { api } from '../../shell/session-store.js';

/** The access-log page. */
export default function AccessLogPage() {
  const t = useText();
  const lang = useLang();
  const [params, setParams] = useSearchParams();
  const reader = params.get('reader') ?? '';
  const programme = params.get('programme') ?? '';
  const caseId = params.get('case') ?? '';
  const threshold = Number(params.get('threshold') ?? 50) || 50;
  const windowMinutes = Number(params.get('window') ?? 60) || 60;
  const [draft, setDraft] = useState({ threshold, windowMinutes });
  const names = useLoad(loadReadNames, 'names');
  const flags = useLoad(
    (signal) =>
      api.call('listAccessFlags', { query: { threshold, window: windowMinutes }, signal }),
    `${threshold}/${windowMinutes}`,
  );
  const [more, setMore] = useState<{ key: string; cursor: string | null; items: unknown[] }>();
  const key = `${reader}/${programme}/${caseId}`;
  const reads = useLoad(
    (signal) =>
      caseId
        ? api.call('listCaseReads', { path: { id: caseId }, query: { limit: 200 }, signal })
        : api.call('listAccessLog', {
            query: { reader: reader || undefined, programme: programme || undefined, limit: 200 },
            signal,
          }),
    key,
  );
  const set = (changes: Record<string, string>) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(changes)) {
      if (v) next.set(k, v);
      else next.delete(k);
    }
    setParams(next);
  };
  const extra = more?.key === key ? (more.items as NonNullable<typeof reads.data>['items']) : [];
  const cursor = more?.key === key ? more.cursor : (reads.data?.nextCursor ?? null);
  const loadMore = async () => {
    if (!cursor) return;
    const page = caseId
      ? await api.call('listCaseReads', { path: { id: caseId }, query: { cursor, limit: 200 } })
      : await api.call('listAccessLog', {
          query: {
            reader: reader || undefined,
            programme: programme || undefined,
            cursor,
            limit: 200,
          },
        });
    setMore({ key, cursor: page.nextCursor, items: [...extra, ...page.items] });
  };
  const people = [...(names.data?.people ?? new Map<string, string>())];
  const programmes = [...(names.data?.programmes ?? new Map<string, string>())];
  return (
    <main className="page" data-testid="access-log-page">
      <h1>{t('accessLog')}</h1>
      <p className="hint">{t('accessLogHint')}</p>
      <section className="panel" data-testid="access-flags">
        <h2>{t('accessFlags')}</h2>
        <form
          className="access-filters"
          onSubmit={(e) => {
            e.preventDefault();
            set({ threshold: String(draft.threshold), window: String(draft.windowMinutes) });
          }}
        >
          <label>
            {t('threshold')}
            <input
              type="number"
              min={1}
              max={100000}
              value={draft.threshold}
              onChange={(e) => setDraft({ ...draft, threshold: Number(e.target.value) })}
              data-testid="flag-threshold"
            />
          </label>
          <label>
            {t('windowMinutes')}
            <input
              type="number"
              min={1}
              max={10080}
              value={draft.windowMinutes}
              onChange={(e) => setDraft({ ...draft, windowMinutes: Number(e.target.value) })}
            />
          </label>
          <button type="submit" data-testid="flag-apply">
            {t('applyFilter')}
          </button>
        </form>
        <p className="hint">{t('accessFlagsHint', { threshold, window: windowMinutes })}</p>
        {flags.error !== undefined && <LoadError error={flags.error} retry={flags.reload} />}
        {flags.data?.items.length === 0 && <p className="empty">{t('noFlags')}</p>}
        {flags.data && flags.data.items.length > 0 && (
          <div className="table-wrap">
            <table className="grid stack-on-phone" data-testid="flags">
              <thead>
                <tr>
                  <th>{t('reader')}</th>
                  <th>{t('programme')}</th>
                  <th>{t('flagWindow')}</th>
                  <th className="num">{t('flagCases')}</th>
                </tr>
              </thead>
              <tbody>
                {flags.data.items.map((f) => (
                  <tr key={`${f.reader}/${f.programmeId}/${String(f.windowStart)}`}>
                    <td data-label={t('reader')}>
                      <button
                        className="linkish"
                        onClick={() => set({ reader: f.reader, programme: '', case: '' })}
                      >
                        {readerName(f, names.data, t)}
                      </button>
                    </td>
                    <td data-label={t('programme')}>
                      {names.data?.programmes.get(f.programmeId) ?? shortId(f.programmeId)}
                    </td>
                    <td data-label={t('flagWindow')}>{formatTime(String(f.windowStart), lang)}</td>
                    <td data-label={t('flagCases')} className="num">
                      {f.cases}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
      <section className="panel" data-testid="access-reads">
        <h2>{t('accessLog')}</h2>
        <div className="access-filters">
          <label>
            {t('filterReader')}
            <select
              value={reader}
              onChange={(e) => set({ reader: e.target.value, case: '' })}
              data-testid="filter-reader"
            >
              <option value="">{t('everyone')}</option>
              {reader && !names.data?.people.has(reader) && (
                <option value={reader}>{shortId(reader)}</option>
              )}
              {people.map(([id, name]) => (
                <option key={id} value={id}>
                  {name}
                </option>
              ))}
            </select>
          </label>
          <label>
            {t('filterProgramme')}
            <select
              value={programme}
              onChange={(e) => set({ programme: e.target.value, case: '' })}
              data-testid="filter-programme"
            >
              <option value="">{t('allProgrammes')}</option>
              {programmes.map(([id, title]) => (
                <option key={id} value={id}>
                  {title}
                </option>
              ))}
            </select>
          </label>
          {caseId && (
            <span className="badge" data-testid="filter-case">
              {t('filterCase')}: {shortId(caseId)}
            </span>
          )}
          {(reader || programme || caseId) && (
            <button onClick={() => set({ reader: '', programme: '', case: '' })}>
              {t('clearFilter')}
            </button>
          )}
        </div>
        {reads.error !== undefined && <LoadError error={reads.error} retry={reads.reload} />}
        {reads.data && (
          <CaseReadsTable
            reads={[...reads.data.items, ...extra]}
            names={names.data}
            showCase
            onReader={(id) => set({ reader: id, case: '' })}
            testId="reads"
          />
        )}
        {cursor && <button onClick={() => void loadMore()}>{t('moreReads')}</button>}
      </section>
    </main>
  );
}
