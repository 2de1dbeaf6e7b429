/**
 * A programme's cases: filters by state, assignee, sub-district and text in the ref or the data
 * (all on the server, so they cover every case, not only the loaded ones), pages of 500 by the
 * API's cursor, drawn as a virtual list so 20,000 rows stay smooth; "load all" fetches the rest.
 */
import { useEffect, useRef, useState } from 'react';
import { Link, useParams, useSearchParams } from 'react-router';
import { useVirtualizer } from '@tanstack/react-virtual';
import type { Template } from '@relief/engine';
import type { Case, CaseList } from '@relief/engine/contract';
import { ExportButtons } from '../export/ExportButtons.js';
import { asText, formatNumber, formatTime } from '../format.js';
import { LoadError } from '../LoadError.js';
import { loadTemplate } from '../template-cache.js';
import { stateTitle, statesOf } from '../template-info.js';
import { useLoad } from '../use-load.js';
import { useLang, useText } from '../../shell/lang-store.js';
import { pickLabel } from '../../shell/pick-label.js';
import { problemText } from '../../shell/problem-text.js';
import { api } from '../../shell/session-store.js';

const PAGE = 500;
const ROW_PX = 34;

/** The case list page. */
export default function CasesPage() {
  const t = useText();
  const lang = useLang();
  const { id = '' } = useParams();
  const [search, setSearch] = useSearchParams();
  const state = search.get('state') ?? '';
  const assignee = search.get('assignee') ?? '';
  const text = search.get('q') ?? '';
  const district = search.get('district') ?? '';
  // Typing waits for a pause before asking the server, so each keystroke is not a query.
  const [typed, setTyped] = useState({ needle: text.trim(), under: district.trim() });
  useEffect(() => {
    const timer = setTimeout(() => setTyped({ needle: text.trim(), under: district.trim() }), 300);
    return () => clearTimeout(timer);
  }, [text, district]);
  const { needle, under } = typed;
  const setFilter = (key: string, value: string) => {
    const next = new URLSearchParams(search);
    if (value) next.set(key, value);
    else next.delete(key);
    setSearch(next, { replace: true });
  };
  const head = useLoad(async (signal) => {
    const programme = await api.call('getProgramme', { path: { id }, signal });
    return { programme, template: await loadTemplate(programme.template, programme.version) };
  }, id);
  const [cases, setCases] = useState<Case[]>([]);
  const [cursor, setCursor] = useState<string | null | undefined>(undefined);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<unknown>();
  const generation = useRef(0);

  const loadPage = async (after: string | undefined, gen: number, all = false) => {
    setLoading(true);
    try {
      let next: string | null | undefined = after;
      do {
        const page: CaseList = await api.call('listCases', {
          path: { id },
          query: {
            limit: PAGE,
            state: state || undefined,
            assignee: assignee || undefined,
            text: needle || undefined,
            district: under || undefined,
            cursor: next ?? undefined,
          },
        });
        if (gen !== generation.current) return;
        setCases((prev) => [...prev, ...page.items]);
        next = page.nextCursor;
        setCursor(next);
      } while (all && next);
    } catch (e) {
      setError(e);
    } finally {
      if (gen === generation.current) setLoading(false);
    }
  };

  useEffect(() => {
    generation.current += 1;
    setCases([]);
    setCursor(undefined);
    setError(undefined);
    void loadPage(undefined, generation.current);
  }, [id, state, assignee, needle, under]);

  const shown = cases;
  const scroller = useRef<HTMLDivElement>(null);
  const virtual = useVirtualizer({
    count: shown.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW_PX,
    overscan: 12,
  });
  // Scrolling near the end of what is loaded loads the next page.
  const items = virtual.getVirtualItems();
  const last = items[items.length - 1];
  useEffect(() => {
    if (last && last.index > shown.length - 40 && cursor && !loading)
      void loadPage(cursor, generation.current);
  }, [last?.index, cursor, loading]);

  const template: Template | undefined = head.data?.template;
  const header = [t('ref'), t('name'), t('filterState'), t('assignee'), t('updatedAt')];
  const exportRows = shown.map((c) => [
    c.ref ?? '',
    asText(c.data.name),
    stateTitle(template, c.state, lang),
    c.assignee ?? '',
    formatTime(c.updatedAt, lang),
  ]);
  return (
    <main className="page cases-page" data-testid="cases-page">
      <div className="page-head">
        <h1>
          {t('caseList')}
          {head.data && ` · ${head.data.programme.title}`}
        </h1>
        <Link to={`/programmes/${id}`}>{t('back')}</Link>
      </div>
      {head.error !== undefined && <LoadError error={head.error} retry={head.reload} />}
      <div className="filters">
        <label>
          {t('filterState')}
          <select
            value={state}
            onChange={(e) => setFilter('state', e.target.value)}
            data-testid="filter-state"
          >
            <option value="">{t('allStates')}</option>
            {template &&
              statesOf(template).map((s) => (
                <option key={s.path} value={s.path}>
                  {'　'.repeat(s.depth)}
                  {pickLabel(s.title, lang, s.key)}
                </option>
              ))}
          </select>
        </label>
        <label>
          {t('filterAssignee')}
          <input
            value={assignee}
            onChange={(e) => setFilter('assignee', e.target.value)}
            data-testid="filter-assignee"
          />
        </label>
        <label>
          {t('filterDistrict')}
          <input
            value={district}
            onChange={(e) => setFilter('district', e.target.value)}
            placeholder={head.data?.programme.district}
            data-testid="filter-district"
          />
        </label>
        <label>
          {t('filterText')}
          <input
            type="search"
            value={text}
            onChange={(e) => setFilter('q', e.target.value)}
            data-testid="filter-text"
          />
        </label>
        <span className="muted" data-testid="case-count">
          {cursor === null
            ? t('loadedAll', { n: formatNumber(cases.length, lang) })
            : t('loadedOf', { n: formatNumber(cases.length, lang) })}
        </span>
        {cursor && (
          <button
            disabled={loading}
            onClick={() => void loadPage(cursor, generation.current, true)}
            data-testid="load-all"
          >
            {t('loadMore')}
          </button>
        )}
        <ExportButtons name="cases" header={header} rows={exportRows} />
      </div>
      {error !== undefined && <p className="form-error">{problemText(error, lang)}</p>}
      <div className="vlist-head" role="row">
        {header.map((h) => (
          <span key={h} role="columnheader">
            {h}
          </span>
        ))}
      </div>
      <div className="vlist" ref={scroller} data-testid="case-list" role="table">
        <div style={{ height: virtual.getTotalSize(), position: 'relative' }}>
          {items.map((item) => {
            const c = shown[item.index]!;
            return (
              <Link
                key={c.id}
                to={`/programmes/${id}/cases/${c.id}`}
                className="vrow"
                role="row"
                data-testid="case-row"
                style={{ transform: `translateY(${item.start}px)`, height: ROW_PX }}
              >
                <span>{c.ref ?? '—'}</span>
                <span>{asText(c.data.name)}</span>
                <span>{stateTitle(template, c.state, lang)}</span>
                <span>{c.assignee ?? ''}</span>
                <span>{formatTime(c.updatedAt, lang)}</span>
              </Link>
            );
          })}
        </div>
        {!loading && shown.length === 0 && <p className="empty">{t('noCases')}</p>}
        {loading && <p className="muted">{t('loading')}</p>}
      </div>
    </main>
  );
}
