/** Every programme in the admin's districts with its figures: the console's first screen. */
import { Link } from 'react-router';
import { GridHead } from '../GridHead.js';
import { ExportButtons } from '../export/ExportButtons.js';
import { formatNumber, formatTime } from '../format.js';
import { LoadError } from '../LoadError.js';
import { STATUS_TEXT } from '../status-text.js';
import { useLoad } from '../use-load.js';
import { useLang, useText } from '../../shell/lang-store.js';
import { api } from '../../shell/session-store.js';

/** The overview page. */
export default function OverviewPage() {
  const t = useText();
  const lang = useLang();
  const list = useLoad(async (signal) => {
    const { items } = await api.call('listProgrammes', { signal });
    const stats = await Promise.all(
      items.map((p) =>
        api.call('getProgrammeStats', { path: { id: p.id }, signal }).catch(() => undefined),
      ),
    );
    return items.map((p, i) => ({ programme: p, stats: stats[i] }));
  }, 'overview');
  const header = [
    t('programmes'),
    t('district'),
    t('status'),
    t('casesTotal'),
    t('casesOpen'),
    t('casesDone'),
    t('startedAt'),
  ];
  const rows = (list.data ?? []).map(({ programme: p, stats: s }) => [
    p.title,
    p.district,
    t(STATUS_TEXT[p.status] ?? 'statusActive'),
    s?.cases.total ?? '',
    s?.cases.open ?? '',
    s?.cases.done ?? '',
    formatTime(p.createdAt, lang),
  ]);
  return (
    <main className="page">
      <div className="page-head">
        <h1>{t('programmesOverview')}</h1>
        <Link className="button primary" to="/programmes/new" data-testid="start-new">
          {t('navStart')}
        </Link>
        <ExportButtons name="programmes" header={header} rows={rows} />
      </div>
      {list.error !== undefined && <LoadError error={list.error} retry={list.reload} />}
      {list.loading && !list.data && <p>{t('loading')}</p>}
      {list.data?.length === 0 && <p className="empty">{t('noProgrammes')}</p>}
      {list.data && list.data.length > 0 && (
        <div className="table-wrap">
          <table className="grid" data-testid="programme-table">
            <GridHead columns={header} />
            <tbody>
              {list.data.map(({ programme: p, stats: s }) => (
                <tr key={p.id}>
                  <td>
                    <Link to={`/programmes/${p.id}`}>{p.title}</Link>
                  </td>
                  <td>{p.district}</td>
                  <td>
                    <span className={`badge ${p.status}`}>
                      {t(STATUS_TEXT[p.status] ?? 'statusActive')}
                    </span>
                  </td>
                  <td className="num">{s ? formatNumber(s.cases.total, lang) : '—'}</td>
                  <td className="num">{s ? formatNumber(s.cases.open, lang) : '—'}</td>
                  <td className="num">{s ? formatNumber(s.cases.done, lang) : '—'}</td>
                  <td>{formatTime(p.createdAt, lang)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </main>
  );
}
