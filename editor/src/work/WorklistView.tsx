/** My cases, then my roles' cases in my districts: search, filters, pull to refresh. */
import { useMemo, useRef, useState } from 'react';
import type { TouchEvent } from 'react';
import { Link } from 'react-router';
import { useLang, useText } from '../shell/lang-store.js';
import { pickLabel } from '../shell/pick-label.js';
import { dueText } from './due-text.js';
import { refreshWork, useWork } from './work-store.js';
import type { WorkItem } from './work-types.js';

const PULL = 70;

/** The name line of a case: the card's first text field, or its ref. */
export function caseName(item: WorkItem): string {
  const name = item.card.find((f) => f.kind === 'text' && typeof f.value === 'string');
  return (name?.value as string | undefined) ?? item.case.ref ?? item.case.id.slice(0, 8);
}

const addressOf = (item: WorkItem) =>
  (item.card.find((f) => f.kind === 'address')?.value as string | undefined) ?? '';

/** The list. */
export function WorklistView() {
  const t = useText();
  const lang = useLang();
  const items = useWork((s) => s.items);
  const ready = useWork((s) => s.ready);
  const refreshing = useWork((s) => s.refreshing);
  const queue = useWork((s) => s.queue);
  const [text, setText] = useState('');
  const [programme, setProgramme] = useState('');
  const [state, setState] = useState('');
  const [pull, setPull] = useState(0);
  const start = useRef<number | null>(null);

  const programmes = useMemo(
    () => [...new Map(items.map((i) => [i.case.programmeId, i.programmeTitle])).entries()],
    [items],
  );
  const states = useMemo(
    () => [
      ...new Map(
        items
          .filter((i) => !programme || i.case.programmeId === programme)
          .map((i) => [pickLabel(i.stateTitle, lang, i.case.state), true]),
      ).keys(),
    ],
    [items, programme, lang],
  );
  const shown = useMemo(() => {
    const needle = text.trim().toLowerCase();
    return items.filter(
      (i) =>
        (!programme || i.case.programmeId === programme) &&
        (!state || pickLabel(i.stateTitle, lang, i.case.state) === state) &&
        (!needle ||
          caseName(i).toLowerCase().includes(needle) ||
          addressOf(i).toLowerCase().includes(needle)),
    );
  }, [items, text, programme, state, lang]);
  const queuedCases = useMemo(() => new Set(queue.map((q) => q.caseId)), [queue]);

  const onTouchStart = (e: TouchEvent) => {
    start.current = window.scrollY <= 0 ? e.touches[0]!.clientY : null;
  };
  const onTouchMove = (e: TouchEvent) => {
    if (start.current !== null) setPull(Math.max(0, e.touches[0]!.clientY - start.current));
  };
  const onTouchEnd = () => {
    if (pull > PULL) void refreshWork();
    start.current = null;
    setPull(0);
  };

  return (
    <main
      className="work-list"
      onTouchStart={onTouchStart}
      onTouchMove={onTouchMove}
      onTouchEnd={onTouchEnd}
    >
      {(pull > 0 || refreshing) && (
        <p className="work-pull" style={{ height: Math.min(pull, PULL) || 32 }}>
          {refreshing ? t('workRefreshing') : t('workPullToRefresh')}
        </p>
      )}
      <div className="work-filters">
        <input
          type="search"
          value={text}
          onChange={(e) => setText(e.target.value)}
          placeholder={t('workSearch')}
          aria-label={t('workSearch')}
          data-testid="work-search"
        />
        <div className="work-filter-row">
          <select
            value={programme}
            onChange={(e) => {
              setProgramme(e.target.value);
              setState('');
            }}
            aria-label={t('workAllProgrammes')}
            data-testid="work-filter-programme"
          >
            <option value="">{t('workAllProgrammes')}</option>
            {programmes.map(([id, title]) => (
              <option key={id} value={id}>
                {title}
              </option>
            ))}
          </select>
          <select
            value={state}
            onChange={(e) => setState(e.target.value)}
            aria-label={t('workAllStates')}
            data-testid="work-filter-state"
          >
            <option value="">{t('workAllStates')}</option>
            {states.map((s) => (
              <option key={s} value={s}>
                {s}
              </option>
            ))}
          </select>
          <button
            className="work-button small"
            onClick={() => void refreshWork()}
            disabled={refreshing}
            data-testid="work-refresh"
          >
            {t('workRefresh')}
          </button>
        </div>
      </div>
      {ready && shown.length === 0 && (
        <p className="work-empty">{items.length === 0 ? t('workEmpty') : t('workNoMatch')}</p>
      )}
      <ul className="work-items" data-testid="work-items">
        {shown.map((item) => {
          const due = dueText(item.deadline, t);
          return (
            <li key={item.case.id}>
              <Link
                to={`/work/cases/${item.case.id}`}
                className={`work-item${due?.overdue ? ' overdue' : ''}`}
                data-testid="work-item"
                data-case={item.case.id}
              >
                <span className="work-item-top">
                  <strong className="work-item-name">{caseName(item)}</strong>
                  {item.mine && <span className="work-badge mine">{t('workMine')}</span>}
                  {queuedCases.has(item.case.id) && (
                    <span className="work-badge queued">{t('workQueuedOne')}</span>
                  )}
                </span>
                {addressOf(item) && <span className="work-item-address">{addressOf(item)}</span>}
                <span className="work-item-meta">
                  <span>{item.programmeTitle}</span>
                  <span className="work-item-state">
                    {pickLabel(item.stateTitle, lang, item.case.state)}
                  </span>
                </span>
                {due && (
                  <span className={`work-due${due.overdue ? ' overdue' : ''}`}>{due.text}</span>
                )}
              </Link>
            </li>
          );
        })}
      </ul>
    </main>
  );
}
