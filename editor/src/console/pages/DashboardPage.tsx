/**
 * One programme at a glance: cases by state and by sub-district, accepted events per day (a
 * chart), ledger balances against their opening, deadlines (lapsed cases and the next timers, as
 * the server's timer rows say), the change log; pause, resume, close with a reason.
 */
import { lazy, useMemo, useState } from 'react';
import { Link, useParams } from 'react-router';
import type { Template } from '@relief/engine';
import type { Programme } from '@relief/engine/contract';
import { ExportButtons } from '../export/ExportButtons.js';
import { formatNumber, formatTime, formatValue, shortId } from '../format.js';
import { fieldTitleAt } from '../../forms/localise-schema.js';
import { GridHead } from '../GridHead.js';
import { LoadingPage } from '../LoadError.js';
import { changeStatus } from '../programme-actions.js';
import { ReasonAction } from '../ReasonAction.js';
import { STATUS_TEXT } from '../status-text.js';
import { loadTemplate } from '../template-cache.js';
import { entryTitle, hasStatePath, openingOf, stateTitle } from '../template-info.js';
import { useLoad } from '../use-load.js';
import { Lazy } from '../../shell/Lazy.js';
import { useLang, useText } from '../../shell/lang-store.js';
import { pickLabel } from '../../shell/pick-label.js';
import { problemText } from '../../shell/problem-text.js';
import { api } from '../../shell/session-store.js';

const EventsChart = lazy(() => import('../charts/EventsChart.js'));

/** The dashboard page. */
export default function DashboardPage() {
  const t = useText();
  const lang = useLang();
  const { id = '' } = useParams();
  const [actionError, setActionError] = useState<string>();
  const loaded = useLoad(async (signal) => {
    const [programme, stats, templates] = await Promise.all([
      api.call('getProgramme', { path: { id }, signal }),
      api.call('getProgrammeStats', { path: { id }, signal }),
      // Only to say when a newer version is published; the dashboard works without it.
      api.call('listTemplates', { signal }).catch(() => ({ items: [] })),
    ]);
    const template = await loadTemplate(programme.template, programme.version);
    // Cases a migration left on an older version may be in states this version lacks: title
    // them from the newest earlier version that has them.
    const earlier: Template[] = [];
    const missing = () =>
      Object.keys(stats.cases.byState).filter(
        (s) => ![template, ...earlier].some((x) => hasStatePath(x, s)),
      );
    for (let v = programme.version - 1; v >= 1 && missing().length > 0; v--)
      earlier.push(await loadTemplate(programme.template, v).catch(() => template));
    const published = templates.items.find((x) => x.id === programme.template)?.publishedVersion;
    return {
      programme,
      stats,
      template,
      earlier,
      newer: published && published > programme.version ? published : undefined,
    };
  }, id);
  const chart = useMemo(() => {
    const stats = loaded.data?.stats;
    if (!stats) return { days: [], series: [] };
    const days = [...new Set(stats.events.map((e) => e.day))].sort();
    const types = [...new Set(stats.events.map((e) => e.type))];
    return {
      days,
      series: types.map((type) => ({
        label: entryTitle(loaded.data!.template, type, lang, t),
        counts: days.map(
          (d) => stats.events.find((e) => e.day === d && e.type === type)?.count ?? 0,
        ),
      })),
    };
  }, [loaded.data, lang]);

  if (loaded.error !== undefined || !loaded.data)
    return <LoadingPage error={loaded.error} retry={loaded.reload} />;
  const { programme: p, stats, template, newer, earlier } = loaded.data;
  const titleOf = (path: string) =>
    stateTitle([template, ...earlier].find((x) => hasStatePath(x, path)) ?? template, path, lang);
  const act = (status: 'active' | 'paused' | 'closed') => async (reason: string) => {
    setActionError(undefined);
    try {
      await changeStatus(p.id, status, reason);
      loaded.reload();
    } catch (problem) {
      setActionError(problemText(problem, lang));
      throw problem;
    }
  };
  const byState = Object.entries(stats.cases.byState).sort((a, b) => b[1] - a[1]);
  const stateHeader = [t('filterState'), t('count')];
  const stateRows = byState.map(([s, n]) => [titleOf(s), n]);
  const dayHeader = [t('day'), ...chart.series.map((s) => s.label), t('total')];
  const dayRows = chart.days.map((d, i) => [
    d,
    ...chart.series.map((s) => s.counts[i] ?? 0),
    chart.series.reduce((sum, s) => sum + (s.counts[i] ?? 0), 0),
  ]);
  const ledgers = Object.entries(template.ledgers ?? {});
  const ledgerHeader = [t('ledger'), t('opening'), t('used'), t('balance')];
  const ledgerRows = ledgers.map(([name, def]) => {
    const opening = openingOf(def.opening, p.params);
    const balance = stats.ledgers[name] ?? p.ledgers?.[name] ?? 0;
    return [
      `${pickLabel(def.title, lang, name)}${def.unit ? `（${pickLabel(def.unit, lang)}）` : ''}`,
      opening ?? '—',
      opening !== undefined ? opening - balance : '—',
      balance,
    ];
  });
  const districtHeader = [t('district'), t('casesTotal'), t('casesOpen'), t('casesDone')];
  const districtRows = stats.cases.byDistrict.map((d) => [
    districtName(d.district, p.district),
    d.total,
    d.open,
    d.done,
  ]);
  const { timers } = stats;
  const lapsedHeader = [t('ref'), t('filterState'), t('timerFiredAt')];
  const lapsedRows = timers.lapsedCases.map((c) => [
    c.ref ?? '',
    titleOf(c.state),
    formatTime(c.at, lang),
  ]);
  const nextHeader = [t('ref'), t('waitingIn'), t('dueAt')];
  const nextRows = timers.soonest.map((d) => [
    d.ref ?? '',
    d.state ? titleOf(d.state) : t('caseTimer'),
    formatTime(d.dueAt, lang),
  ]);
  const base = `/programmes/${p.id}`;
  // Cases the last migration left on their version (a later one that moved them all says 0).
  const lastMigration = (p.changes ?? []).filter((c) => c.kind === 'migration').at(-1);
  const leftBehind = Number(
    (lastMigration?.after as { refused?: number } | undefined)?.refused ?? 0,
  );
  return (
    <main className="page" data-testid="dashboard">
      <div className="page-head">
        <h1>
          {p.title}{' '}
          <span className={`badge ${p.status}`}>{t(STATUS_TEXT[p.status] ?? 'statusActive')}</span>
        </h1>
        <span className="muted">
          {pickLabel(template.title, lang)} v{p.version} · {p.district}
        </span>
      </div>
      {newer === undefined && leftBehind > 0 && p.status !== 'closed' && (
        <div className="newer-banner" role="status" data-testid="left-behind">
          <span>{t('leftBehindBanner', { n: formatNumber(leftBehind, lang) })}</span>
          <Link className="button primary big" to={`${base}/migrate`} data-testid="go-migrate">
            {t('continueMigration')}
          </Link>
        </div>
      )}
      {newer !== undefined && p.status !== 'closed' && (
        <div className="newer-banner" role="status" data-testid="newer-version">
          <span>
            {t('newerVersion', {
              title: pickLabel(template.title, lang),
              to: newer,
              from: p.version,
            })}
          </span>
          <Link className="button primary big" to={`${base}/migrate`} data-testid="go-migrate">
            {t('reviewAndMigrate')}
          </Link>
        </div>
      )}
      <div className="toolbar-row">
        <Link className="button" to={`${base}/cases`} data-testid="go-cases">
          {t('cases')}
        </Link>
        <Link className="button" to={`${base}/import`} data-testid="go-import">
          {t('importRoster')}
        </Link>
        <Link className="button" to={`${base}/rule`} data-testid="go-rule">
          {t('changeRule')}
        </Link>
        {p.status === 'active' && (
          <ReasonAction label={t('pause')} testId="pause" onConfirm={act('paused')} />
        )}
        {p.status === 'paused' && (
          <ReasonAction label={t('resume')} testId="resume" onConfirm={act('active')} />
        )}
        {p.status !== 'closed' && (
          <ReasonAction
            danger
            label={t('closeProgramme')}
            testId="close"
            onConfirm={act('closed')}
          />
        )}
        {actionError && (
          <span className="form-error" role="alert">
            {actionError}
          </span>
        )}
      </div>
      <div className="figures" data-testid="figures">
        <Figure label={t('casesTotal')} value={formatNumber(stats.cases.total, lang)} id="total" />
        <Figure label={t('casesOpen')} value={formatNumber(stats.cases.open, lang)} id="open" />
        <Figure label={t('casesDone')} value={formatNumber(stats.cases.done, lang)} id="done" />
        <Figure label={t('lapsed')} value={formatNumber(timers.lapsed, lang)} id="lapsed" />
        <Figure label={t('overdue')} value={formatNumber(timers.overdue, lang)} id="overdue" />
      </div>
      <div className="panels">
        <section className="panel">
          <div className="panel-head">
            <h2>{t('casesByState')}</h2>
            <ExportButtons name="cases-by-state" header={stateHeader} rows={stateRows} />
          </div>
          <table className="grid" data-testid="by-state">
            <GridHead columns={stateHeader} />
            <tbody>
              {byState.map(([s, n]) => (
                <tr key={s} data-state={s}>
                  <td>
                    <Link to={`${base}/cases?state=${encodeURIComponent(s)}`}>{titleOf(s)}</Link>
                  </td>
                  <td className="num">{formatNumber(n, lang)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
        <section className="panel wide">
          <div className="panel-head">
            <h2>{t('eventsPerDay')}</h2>
            <ExportButtons name="events-per-day" header={dayHeader} rows={dayRows} />
          </div>
          {chart.days.length > 0 ? (
            <Lazy>
              <EventsChart days={chart.days} series={chart.series} label={t('eventsPerDay')} />
            </Lazy>
          ) : (
            <p className="empty">{t('none')}</p>
          )}
        </section>
        <section className="panel">
          <div className="panel-head">
            <h2>{t('ledgers')}</h2>
            <ExportButtons name="ledgers" header={ledgerHeader} rows={ledgerRows} />
          </div>
          {ledgers.length === 0 ? (
            <p className="empty">{t('noLedgers')}</p>
          ) : (
            <table className="grid">
              <GridHead columns={ledgerHeader} />
              <tbody>
                {ledgerRows.map((r) => (
                  <tr key={String(r[0])}>
                    {r.map((c, i) => (
                      <td key={i} className={i ? 'num' : ''}>
                        {typeof c === 'number' ? formatNumber(c, lang) : c}
                      </td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </section>
        <section className="panel" data-testid="by-district">
          <div className="panel-head">
            <h2>{t('casesByDistrict')}</h2>
            <ExportButtons name="cases-by-district" header={districtHeader} rows={districtRows} />
          </div>
          <table className="grid">
            <GridHead columns={districtHeader} />
            <tbody>
              {stats.cases.byDistrict.map((d, i) => (
                <tr key={d.district} data-district={d.district}>
                  <td>
                    <Link to={`${base}/cases?district=${encodeURIComponent(d.district)}`}>
                      {districtRows[i]![0]}
                    </Link>
                  </td>
                  <td className="num">{formatNumber(d.total, lang)}</td>
                  <td className="num">{formatNumber(d.open, lang)}</td>
                  <td className="num">{formatNumber(d.done, lang)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
        <section className="panel" data-testid="deadlines">
          <div className="panel-head">
            <h2>{t('lapsed')}</h2>
            <ExportButtons name="lapsed" header={lapsedHeader} rows={lapsedRows} />
          </div>
          <p className="hint">{t('lapsedHint')}</p>
          {timers.lapsedCases.length === 0 ? (
            <p className="empty">{t('lapsedNone')}</p>
          ) : (
            <CaseTable
              base={base}
              header={lapsedHeader}
              rows={lapsedRows}
              caseIds={timers.lapsedCases.map((c) => c.caseId)}
              more={timers.lapsed - timers.lapsedCases.length}
            />
          )}
          <div className="panel-head">
            <h2>{t('nextDeadlines')}</h2>
            <ExportButtons name="next-deadlines" header={nextHeader} rows={nextRows} />
          </div>
          <p className="hint">
            {t('pendingTimerCount', { n: formatNumber(timers.pending, lang) })}
            {timers.overdue > 0 &&
              ` · ${t('overdueTimers', { n: formatNumber(timers.overdue, lang) })}`}
          </p>
          {timers.soonest.length === 0 ? (
            <p className="empty">{t('none')}</p>
          ) : (
            <CaseTable
              base={base}
              header={nextHeader}
              rows={nextRows}
              caseIds={timers.soonest.map((d) => d.caseId)}
              more={timers.pending - timers.soonest.length}
            />
          )}
        </section>
        <section className="panel wide">
          <h2>{t('changes')}</h2>
          <ChangeLog programme={p} template={template} />
        </section>
      </div>
    </main>
  );
}

/** `sh/putuo/changzheng` under `sh/putuo` → `changzheng`; the programme's own district as itself. */
function districtName(district: string, programmeDistrict: string): string {
  return district.startsWith(`${programmeDistrict}/`)
    ? district.slice(programmeDistrict.length + 1)
    : district;
}

/** A short table whose first column links to each case, and how many more there are. */
function CaseTable(props: {
  base: string;
  header: string[];
  rows: (string | number)[][];
  caseIds: string[];
  more: number;
}) {
  const t = useText();
  const lang = useLang();
  return (
    <div className="table-wrap short">
      <table className="grid">
        <GridHead columns={props.header} />
        <tbody>
          {props.rows.map((row, i) => (
            <tr key={`${props.caseIds[i]}-${i}`}>
              {row.map((cell, j) => (
                <td key={j}>
                  {j === 0 ? (
                    <Link to={`${props.base}/cases/${props.caseIds[i]}`}>{cell || '—'}</Link>
                  ) : (
                    cell
                  )}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
      {props.more > 0 && (
        <p className="muted">{t('andMore', { n: formatNumber(props.more, lang) })}</p>
      )}
    </div>
  );
}

function Figure({ label, value, id }: { label: string; value: string; id: string }) {
  return (
    <div className="figure" data-testid={`figure-${id}`}>
      <span className="figure-value">{value}</span>
      <span className="figure-label">{label}</span>
    </div>
  );
}

const KIND_TEXT = {
  params: 'kindParams',
  status: 'kindStatus',
  migration: 'kindMigration',
} as const;

function ChangeLog({ programme, template }: { programme: Programme; template: Template }) {
  const t = useText();
  const lang = useLang();
  const changes = [...(programme.changes ?? [])].reverse();
  if (changes.length === 0) return <p className="empty">{t('none')}</p>;
  const schema = template.parameters;
  // Only the parameters that changed, by their titles: 放开申请条件：否 → 是.
  const describe = (c: (typeof changes)[number]): [string, string] => {
    if (c.kind === 'migration') {
      const before = c.before as { version?: number };
      const after = c.after as {
        version?: number;
        moved?: number;
        refused?: number;
        leftBehind?: boolean;
      };
      return [
        after.leftBehind ? t('leftBehindBefore') : `v${before.version ?? '?'}`,
        t('migrationAfter', {
          v: after.version ?? '?',
          moved: formatNumber(after.moved ?? 0, lang),
          refused: formatNumber(after.refused ?? 0, lang),
        }),
      ];
    }
    if (c.kind === 'status')
      return [
        t(STATUS_TEXT[c.before] ?? 'statusActive'),
        t(STATUS_TEXT[c.after] ?? 'statusActive'),
      ];
    const keys = Object.keys({ ...c.before, ...c.after }).filter(
      (k) => JSON.stringify(c.before[k]) !== JSON.stringify(c.after[k]),
    );
    const side = (values: Record<string, unknown>) =>
      keys
        .map(
          (k) =>
            `${fieldTitleAt(schema, `/${k}`, lang) || k}${lang === 'zh' ? '：' : ': '}${formatValue(values[k], lang) || '—'}`,
        )
        .join(lang === 'zh' ? '；' : '; ');
    return [side(c.before), side(c.after)];
  };
  return (
    <table className="grid" data-testid="change-log">
      <thead>
        <tr>
          <th>{t('changedAt')}</th>
          <th>{t('kind')}</th>
          <th>{t('before')}</th>
          <th>{t('after')}</th>
          <th>{t('changedBy')}</th>
          <th>{t('reason')}</th>
        </tr>
      </thead>
      <tbody>
        {changes.map((c, i) => {
          const [before, after] = describe(c);
          return (
            <tr key={i} data-kind={c.kind}>
              <td>{formatTime(c.changedAt, lang)}</td>
              <td>{t(KIND_TEXT[c.kind])}</td>
              <td>{before}</td>
              <td>{after}</td>
              <td title={c.changedBy ?? ''}>{c.changedByName ?? shortId(c.changedBy)}</td>
              <td>{c.reason ?? ''}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
