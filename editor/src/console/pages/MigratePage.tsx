/**
 * Move a running programme to a newer published version of its template: what changed (the
 * engine's semantic diff in words, its verdict and concerns), the admin's choices (a new state for
 * each removed state, a default for each newly required field), a dry run answered per case (from
 * → to, timers kept / cancelled / re-armed, fields filled, or why it cannot move), then the
 * migration after a confirmation — all cases or only those that can — with its progress and
 * result. Sending again resumes an interrupted migration (the server moves nothing twice).
 */
import { useEffect, useRef, useState } from 'react';
import { Link, useParams, useSearchParams } from 'react-router';
import type { Template } from '@relief/engine';
import type { ProgrammeMigration, TemplateDiff } from '@relief/engine/contract';
import { ExportButtons } from '../export/ExportButtons.js';
import { formatNumber, formatTime, formatValue } from '../format.js';
import { GridHead } from '../GridHead.js';
import { LoadingPage } from '../LoadError.js';
import { loadTemplate } from '../template-cache.js';
import { fieldsOf, hasStatePath, stateTitle, statesOf } from '../template-info.js';
import { useLoad } from '../use-load.js';
import type { MessageKey } from '../../i18n/messages.js';
import { changeDetail, changeSubject } from '../../i18n/template-change-text.js';
import type { Lang } from '../../model/index.js';
import { useLang, useText } from '../../shell/lang-store.js';
import type { Translate } from '../../shell/lang-store.js';
import { pickLabel } from '../../shell/pick-label.js';
import { problemText } from '../../shell/problem-text.js';
import { api } from '../../shell/session-store.js';

/** Rows of the per-case table drawn at once (the export holds every row). */
const SHOWN = 300;

type Plan = ProgrammeMigration['cases'][number];

/** The migration page. */
export default function MigratePage() {
  const t = useText();
  const lang = useLang();
  const { id = '' } = useParams();
  const [search] = useSearchParams();
  const loaded = useLoad(
    async (signal) => {
      const programme = await api.call('getProgramme', { path: { id }, signal });
      const info = await api.call('getTemplate', { path: { id: programme.template }, signal });
      const published = (info.versions ?? []).filter((v) => v.status === 'published');
      const latest = Math.max(programme.version, ...published.map((v) => v.version));
      const to = Number(search.get('to')) || latest;
      const [older, newer] = await Promise.all([
        loadTemplate(programme.template, programme.version),
        loadTemplate(programme.template, to),
      ]);
      const diff =
        to > programme.version
          ? await api.call('diffTemplate', {
              path: { id: programme.template },
              query: { from: programme.version, to },
              signal,
            })
          : undefined;
      // Cases left behind by an earlier migration are on older versions: their states' titles.
      const earlier = await Promise.all(
        published
          .filter((v) => v.version < programme.version)
          .sort((a, b) => b.version - a.version)
          .map((v) => loadTemplate(programme.template, v.version)),
      );
      return {
        programme,
        to,
        older,
        newer,
        diff,
        earlier,
        note: published.find((v) => v.version === to),
      };
    },
    `${id}/${search.get('to') ?? ''}`,
  );
  const [stateMap, setStateMap] = useState<Record<string, string>>({});
  const [defaults, setDefaults] = useState<Record<string, string>>({});
  const [plan, setPlan] = useState<ProgrammeMigration>();
  const [planned, setPlanned] = useState<string>();
  const [onlyMovable, setOnlyMovable] = useState(false);
  const [asking, setAsking] = useState(false);
  const [busy, setBusy] = useState<'dry' | 'migrate'>();
  const [progress, setProgress] = useState<number>();
  const [error, setError] = useState<string>();
  const [result, setResult] = useState<ProgrammeMigration>();
  const polling = useRef<ReturnType<typeof setTimeout>>(undefined);
  useEffect(() => () => clearTimeout(polling.current), []);
  // The answer appears below the fold: bring it into view when it arrives.
  const answerRef = useRef<HTMLElement>(null);
  useEffect(() => {
    if (plan || result) answerRef.current?.scrollIntoView({ block: 'start' });
  }, [plan, result]);

  if (loaded.error !== undefined || !loaded.data)
    return <LoadingPage error={loaded.error} retry={loaded.reload} />;
  const { programme: p, to, older, newer, diff, note, earlier } = loaded.data;
  // A state a case is in now: titled by the programme's version, else the newest earlier one.
  const fromTitle = (path: string) => {
    const template = [older, ...earlier].find((x) => hasStatePath(x, path)) ?? older;
    return stateTitle(template, path, lang);
  };
  const base = `/programmes/${p.id}`;

  // What the admin must decide: removed states (from the diff, and any the dry run names) and
  // newly required fields without a default.
  const removedStates = unique([
    ...(diff?.compatibility.concerns ?? [])
      .filter((c) => c.code === 'state-removed')
      .map((c) => c.key),
    ...(plan?.cases ?? [])
      .filter((c) => !c.movable && c.reason?.code === 'state-removed')
      .map((c) => c.fromState)
      .filter((s) => !Object.keys(stateMap).some((m) => s === m || s.startsWith(`${m}.`))),
  ]);
  const requiredFields = unique([
    ...(diff?.compatibility.concerns ?? [])
      .filter((c) => c.code === 'data-required-without-default')
      .map((c) => c.key),
    ...(plan?.cases ?? []).flatMap((c) =>
      !c.movable && c.reason?.code === 'data-invalid'
        ? (c.reason.fields ?? [])
            .filter((f) => /required/.test(f.message))
            .map((f) => f.path.replace(/^\//, ''))
        : [],
    ),
  ]);
  const fields = fieldsOf(newer.data);
  const body = () => {
    const map = Object.fromEntries(Object.entries(stateMap).filter(([, v]) => v));
    const data = Object.fromEntries(
      Object.entries(defaults)
        .filter(([, v]) => v !== '')
        .map(([k, v]) => [k, typed(v, fields.find((f) => f.name === k)?.type)]),
    );
    return {
      toVersion: to,
      ...(Object.keys(map).length > 0 && { stateMap: map }),
      ...(Object.keys(data).length > 0 && { dataDefaults: data }),
    };
  };
  const choiceKey = JSON.stringify(body());
  const current = plan !== undefined && planned === choiceKey;

  const dryRun = async () => {
    setBusy('dry');
    setError(undefined);
    setResult(undefined);
    try {
      const answer = await api.call('migrateProgramme', {
        path: { id: p.id },
        body: { ...body(), dryRun: true },
      });
      setPlan(answer);
      setPlanned(choiceKey);
    } catch (problem) {
      setError(problemText(problem, lang));
    } finally {
      setBusy(undefined);
    }
  };
  const migrate = async () => {
    setAsking(false);
    setBusy('migrate');
    setError(undefined);
    const before = plan?.alreadyMigrated ?? 0;
    setProgress(0);
    // One long request on the server; how far it got is read from dry runs meanwhile, one at a
    // time, 2 s after the last answered (a dry run of a large programme takes a while itself).
    let running = true;
    const poll = () => {
      polling.current = setTimeout(() => {
        void api
          .call('migrateProgramme', { path: { id: p.id }, body: { ...body(), dryRun: true } })
          .then((now) => running && setProgress(Math.max(0, now.alreadyMigrated - before)))
          .catch(() => undefined)
          .finally(() => running && poll());
      }, 2000);
    };
    poll();
    try {
      const answer = await api.call('migrateProgramme', {
        path: { id: p.id },
        body: { ...body(), onlyMovable },
      });
      setResult(answer);
      setPlan(undefined);
    } catch (problem) {
      setError(t('migrateInterrupted', { detail: problemText(problem, lang) }));
    } finally {
      running = false;
      clearTimeout(polling.current);
      setBusy(undefined);
      setProgress(undefined);
    }
  };

  const header = [t('colCase'), t('colFromTo'), t('colTimers'), t('colFilled'), t('colOutcome')];
  const rows = (plan?.cases ?? [])
    .slice()
    .sort((a, b) => Number(a.movable) - Number(b.movable))
    .map((c) => caseRow(c, fromTitle, newer, lang, t));
  const willMove = plan ? plan.movable : 0;
  const blocked = plan ? plan.refused > 0 && !onlyMovable : false;

  return (
    <main className="page migrate-page" data-testid="migrate-page">
      <div className="page-head">
        <h1>
          {t('migrateTitle')} · {p.title}
        </h1>
        <Link className="button" to={base}>
          {t('backToProgramme')}
        </Link>
      </div>
      <p className="summary" data-testid="migrate-versions">
        {pickLabel(newer.title, lang)} {t('migrateVersions', { from: p.version, to })}
        {note?.publishedAt && (
          <span className="muted">
            {' '}
            · {t('publishedOn', { at: formatTime(note.publishedAt, lang) })}
          </span>
        )}
      </p>
      {note?.publishNote && (
        <p className="hint" data-testid="publish-note">
          {t('newerVersionNote', { note: note.publishNote })}
        </p>
      )}
      {!diff && (
        <p className="hint" data-testid="migrate-same">
          {t('migrateLeftBehind', { v: p.version })}
        </p>
      )}
      {diff && <DiffSection diff={diff} older={older} newer={newer} />}

      <section className="panel" data-testid="migrate-choices">
        <h2>{t('yourChoices')}</h2>
        {removedStates.length === 0 && requiredFields.length === 0 && (
          <p className="hint">{t('noChoicesNeeded')}</p>
        )}
        <div className="choice-grid">
          {removedStates.map((s) => (
            <label key={s} className="choice">
              {t('mapStateTo', { state: fromTitle(s) })}
              <select
                value={stateMap[s] ?? ''}
                onChange={(e) => setStateMap({ ...stateMap, [s]: e.target.value })}
                data-testid={`map-${s}`}
              >
                <option value="">{t('chooseState')}</option>
                {statesOf(newer).map((st) => (
                  <option key={st.path} value={st.path}>
                    {'　'.repeat(st.depth)}
                    {stateTitle(newer, st.path, lang)}
                  </option>
                ))}
              </select>
            </label>
          ))}
          {requiredFields.map((name) => {
            const field = fields.find((f) => f.name === name);
            const title = pickLabel(field?.title, lang, name);
            return (
              <label key={name} className="choice">
                {t('defaultFor', { field: title })}
                {field?.type === 'boolean' ? (
                  <select
                    value={defaults[name] ?? ''}
                    onChange={(e) => setDefaults({ ...defaults, [name]: e.target.value })}
                    data-testid={`default-${name}`}
                  >
                    <option value="" />
                    <option value="true">{formatValue(true, lang)}</option>
                    <option value="false">{formatValue(false, lang)}</option>
                  </select>
                ) : (
                  <input
                    type={field?.type === 'integer' || field?.type === 'number' ? 'number' : 'text'}
                    value={defaults[name] ?? ''}
                    onChange={(e) => setDefaults({ ...defaults, [name]: e.target.value })}
                    data-testid={`default-${name}`}
                  />
                )}
              </label>
            );
          })}
        </div>
        <div className="toolbar-row">
          <button
            className="big"
            disabled={busy !== undefined}
            onClick={() => void dryRun()}
            data-testid="dry-run"
          >
            {t('runDryRun')}
          </button>
          {plan && !current && (
            <span className="hint" role="status">
              {t('dryRunStale')}
            </span>
          )}
        </div>
      </section>

      {error && (
        <p className="form-error" role="alert" data-testid="migrate-error">
          {error}
        </p>
      )}

      {plan && current && (
        <section className="panel" data-testid="dry-run-result" ref={answerRef}>
          <p className="summary" role="status" data-testid="dry-run-summary">
            {t('dryRunSummary', {
              total: formatNumber(plan.total, lang),
              movable: formatNumber(plan.movable, lang),
              refused: formatNumber(plan.refused, lang),
              already: formatNumber(plan.alreadyMigrated, lang),
            })}
          </p>
          <div className="panel-head">
            <h2>{t('cases')}</h2>
            <ExportButtons name="migration-plan" header={header} rows={rows.map((r) => r.cells)} />
          </div>
          <div className="table-wrap short tall">
            <table className="grid stack-on-phone" data-testid="plan-table">
              <GridHead columns={header} />
              <tbody>
                {rows.slice(0, SHOWN).map((r) => (
                  <tr
                    key={r.caseId}
                    className={r.movable ? '' : 'refused'}
                    data-case={r.caseId}
                    data-movable={String(r.movable)}
                  >
                    {r.cells.map((cell, j) => (
                      <td key={j} data-label={header[j]}>
                        {j === 0 ? <Link to={`${base}/cases/${r.caseId}`}>{cell}</Link> : cell}
                      </td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {rows.length + plan.casesOmitted > SHOWN && (
            <p className="muted">
              {t('andMore', { n: formatNumber(rows.length + plan.casesOmitted - SHOWN, lang) })}
            </p>
          )}
          {willMove > 0 && (
            <fieldset className="move-choice">
              <label className="choice-radio">
                <input
                  type="radio"
                  name="how"
                  checked={!onlyMovable}
                  onChange={() => setOnlyMovable(false)}
                  data-testid="move-all"
                />
                {t('moveAll')}
              </label>
              <label className="choice-radio">
                <input
                  type="radio"
                  name="how"
                  checked={onlyMovable}
                  onChange={() => setOnlyMovable(true)}
                  data-testid="move-only-movable"
                />
                {t('moveOnlyMovable', { from: p.version })}
              </label>
            </fieldset>
          )}
          {blocked && (
            <p className="form-error" role="alert" data-testid="move-all-blocked">
              {t('moveAllBlocked', { n: formatNumber(plan.refused, lang) })}
            </p>
          )}
          {willMove > 0 && !asking && (
            <button
              className="primary big"
              disabled={busy !== undefined || blocked}
              onClick={() => setAsking(true)}
              data-testid="migrate"
            >
              {t('migrateButton', { to })}
            </button>
          )}
          {asking && (
            <div className="confirm-box" role="dialog" data-testid="migrate-confirm">
              <p>{t('migrateConfirm', { n: formatNumber(willMove, lang), to })}</p>
              <button
                className="primary big"
                onClick={() => void migrate()}
                data-testid="migrate-yes"
              >
                {t('migrateConfirmYes')}
              </button>
              <button className="big" onClick={() => setAsking(false)}>
                {t('cancel')}
              </button>
            </div>
          )}
        </section>
      )}

      {busy === 'migrate' && (
        <div className="progress-line" role="status" data-testid="migrate-progress">
          <progress max={Math.max(1, willMove)} value={progress ?? 0} />
          <span>
            {t('migrating', {
              done: formatNumber(progress ?? 0, lang),
              total: formatNumber(willMove, lang),
            })}
          </span>
        </div>
      )}
      {result && (
        <section
          className="panel done-box"
          role="status"
          data-testid="migrate-result"
          ref={answerRef}
        >
          <p className="summary">
            {t('migrateDone', {
              moved: formatNumber(result.moved, lang),
              batches: formatNumber(result.batches, lang),
              refused: formatNumber(result.refused, lang),
              already: formatNumber(result.alreadyMigrated, lang),
              to: result.toVersion,
            })}
          </p>
          {result.refused > 0 && (
            <p className="hint" data-testid="left-note">
              {t('migrateLeftNote', { n: formatNumber(result.refused, lang) })}
            </p>
          )}
          <Link className="button big" to={base} data-testid="back-to-programme">
            {t('backToProgramme')}
          </Link>
        </section>
      )}
    </main>
  );
}

/** The semantic diff in words: counts, the verdict and its concerns, then each change. */
function DiffSection(props: { diff: TemplateDiff; older: Template; newer: Template }) {
  const t = useText();
  const lang = useLang();
  const { diff, older, newer } = props;
  const concernSubject = (code: string, key: string) =>
    code === 'state-removed'
      ? stateTitle(older, key, lang)
      : changeSubject(
          {
            kind: code.startsWith('parameter')
              ? 'parameter'
              : code.startsWith('form')
                ? 'form'
                : code.startsWith('ledger')
                  ? 'ledger'
                  : 'data',
            change: code === 'ledger-removed' ? 'removed' : 'changed',
            key,
            event: code.startsWith('form') ? key.split('.')[0] : undefined,
          },
          older,
          newer,
          lang,
        );
  return (
    <section className="panel" data-testid="migrate-diff">
      <div className="panel-head">
        <h2>{t('whatChanged')}</h2>
        <span className="muted">
          {t('diffCounts', {
            added: diff.counts.added,
            changed: diff.counts.changed,
            removed: diff.counts.removed,
          })}
        </span>
      </div>
      <p className={`verdict verdict-${diff.compatibility.verdict}`} data-testid="verdict">
        <strong>{t(`verdict.${diff.compatibility.verdict}` as MessageKey)}</strong>
      </p>
      {diff.compatibility.concerns.length > 0 && (
        <ul className="plain concerns" data-testid="concerns">
          {diff.compatibility.concerns.map((c, i) => (
            <li key={i} className={c.severity}>
              {t(`concern.${c.code}` as MessageKey, { what: concernSubject(c.code, c.key) })}
            </li>
          ))}
        </ul>
      )}
      <ul className="change-list" data-testid="change-list">
        {diff.changes.map((c, i) => {
          const detail = changeDetail(c, older, newer, lang);
          return (
            <li key={i} className={`diff-${c.change}`} data-kind={c.kind} data-key={c.key}>
              <span className={`change-badge ${c.change}`}>{t(c.change)}</span>
              <span className="muted">{t(`changeKind.${c.kind}` as MessageKey)}</span>{' '}
              <b>{changeSubject(c, older, newer, lang)}</b>
              {detail && <span className="change-detail">{detail}</span>}
            </li>
          );
        })}
      </ul>
    </section>
  );
}

/** One case's row: reference, state now → after, timers, fields filled, outcome or reason. */
function caseRow(
  c: Plan,
  fromTitle: (path: string) => string,
  newer: Template,
  lang: Lang,
  t: Translate,
) {
  const from = fromTitle(c.fromState);
  const fill = (newer.data?.properties ?? {}) as Record<string, { title?: unknown }>;
  if (!c.movable) {
    const reason = c.reason;
    const text =
      reason?.code === 'data-invalid'
        ? t('refusal.data-invalid', {
            fields: (reason.fields ?? [])
              .map((f) => {
                const name = f.path.replace(/^\//, '').split('/')[0] ?? '';
                return pickLabel(fill[name]?.title, lang, name);
              })
              .join(lang === 'zh' ? '、' : ', '),
          })
        : t(`refusal.${reason?.code ?? 'state-removed'}` as MessageKey, { state: from });
    return {
      caseId: c.caseId,
      movable: false,
      cells: [
        c.ref ?? c.caseId.slice(0, 8),
        `${from} → —`,
        '—',
        '—',
        `${t('cannotMove')}：${text}`,
      ],
    };
  }
  const timers = c.timers;
  const timerText = timers
    ? [
        timers.kept.length && t('timersKept', { n: timers.kept.length }),
        timers.cancelled.length && t('timersCancelled', { n: timers.cancelled.length }),
        timers.armed.length && t('timersArmed', { n: timers.armed.length }),
      ]
        .filter(Boolean)
        .join(lang === 'zh' ? '，' : ', ') || t('timersNone')
    : t('timersNone');
  const filled = (c.filled ?? [])
    .map(
      (k) =>
        `${pickLabel(fill[k]?.title, lang, k)}${lang === 'zh' ? '：' : ': '}${formatValue(c.data?.[k], lang)}`,
    )
    .join(lang === 'zh' ? '；' : '; ');
  return {
    caseId: c.caseId,
    movable: true,
    cells: [
      c.ref ?? c.caseId.slice(0, 8),
      `${from} → ${stateTitle(newer, c.toState ?? '', lang)}`,
      timerText,
      filled || '—',
      t('canMove'),
    ],
  };
}

/** A default typed as the field declares it. */
function typed(value: string, type: string | undefined): unknown {
  if (type === 'integer' || type === 'number') return Number(value);
  if (type === 'boolean') return value === 'true';
  return value;
}

function unique(items: string[]): string[] {
  return [...new Set(items)];
}
