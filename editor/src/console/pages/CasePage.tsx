/**
 * One case: its data, where it is, its history (who, when), pending timers, and the events the
 * viewer may send, each with its form; sending carries `If-Match`, and a conflict says so clearly.
 */
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import type { Template } from '@relief/engine';
import { fieldTitleAt } from '../../forms/localise-schema.js';
import { JsonForm } from '../../forms/JsonForm.js';
import { ApiProblem } from '../../api/api-problem.js';
import type { NextEvent } from '@relief/engine/contract';
import { pendingTimers } from '../case-timers.js';
import { CasePrivacyPanels } from '../privacy/CasePrivacyPanels.js';
import { asText, formatDuration, formatTime, formatValue, shortId } from '../format.js';
import { LoadingPage } from '../LoadError.js';
import { ReassignCase } from '../ReassignCase.js';
import { StateMap } from '../StateMap.js';
import { loadTemplate } from '../template-cache.js';
import { entryTitle, eventTitle, fieldsOf, stateTitle } from '../template-info.js';
import { useLoad } from '../use-load.js';
import { useLang, useText } from '../../shell/lang-store.js';
import { pickLabel } from '../../shell/pick-label.js';
import { fieldProblemText, problemText } from '../../shell/problem-text.js';
import { roleTitles } from '../../shell/role-title.js';
import { api } from '../../shell/session-store.js';

/** The case page. */
export default function CasePage() {
  const t = useText();
  const lang = useLang();
  const { id = '', caseId = '' } = useParams();
  const [notice, setNotice] = useState<{ ok: boolean; text: string }>();
  const loaded = useLoad(async (signal) => {
    const [detail, history] = await Promise.all([
      api.call('getCase', { path: { id: caseId }, signal }),
      api.call('getCaseHistory', { path: { id: caseId }, signal }),
    ]);
    const template = await loadTemplate(detail.template.id, detail.template.version);
    // Entries before a migration name states of the version the case was on then.
    const versions = new Map<number, Template>([[detail.template.version, template]]);
    for (const h of history.items)
      if (h.type === 'migrated' && typeof h.payload.fromVersion === 'number')
        versions.set(
          h.payload.fromVersion,
          await loadTemplate(detail.template.id, h.payload.fromVersion),
        );
    return { detail, history: history.items, template, versions };
  }, caseId);
  if (loaded.error !== undefined || !loaded.data)
    return <LoadingPage error={loaded.error} retry={loaded.reload} />;
  const { detail: c, history, template, versions } = loaded.data;
  // Walking back from now: each entry's template (a `migrated` entry switches it).
  const entryTemplates = new Map<number, { from: Template; to: Template }>();
  let current = template;
  for (const h of [...history].reverse()) {
    const older =
      h.type === 'migrated' && typeof h.payload.fromVersion === 'number'
        ? (versions.get(h.payload.fromVersion) ?? current)
        : current;
    entryTemplates.set(h.seq, { from: older, to: current });
    current = older;
  }
  const timers = c.done ? [] : pendingTimers(template, c.state, history);
  const title = asText(c.data.name) || c.ref || c.id;
  return (
    <main className="page" data-testid="case-page">
      <div className="page-head">
        <h1>
          {title} <span className="badge">{stateTitle(template, c.state, lang)}</span>
        </h1>
        <span className="muted">
          {c.ref ?? ''} · v{c.version}
        </span>
        <Link to={`/programmes/${id}/cases`}>{t('back')}</Link>
      </div>
      {notice && (
        <p
          className={notice.ok ? 'ok' : 'form-error'}
          role={notice.ok ? 'status' : 'alert'}
          data-testid="case-notice"
        >
          {notice.text}
        </p>
      )}
      <div className="panels">
        <section className="panel">
          <h2>{t('eventsYouMaySend')}</h2>
          {c.done ? (
            <p className="empty">{t('caseDone')}</p>
          ) : c.nextEvents.length === 0 ? (
            <p className="empty">{t('noEventsForYou')}</p>
          ) : (
            c.nextEvents.map((e) => (
              <EventSender
                key={`${e.type}-${c.version}`}
                caseId={c.id}
                version={c.version}
                event={e}
                template={template}
                onSent={(text) => {
                  setNotice({ ok: true, text });
                  loaded.reload();
                }}
                onConflict={(text) => {
                  setNotice({ ok: false, text });
                  loaded.reload();
                }}
              />
            ))
          )}
        </section>
        <section className="panel">
          <h2>{t('whereItIs')}</h2>
          <StateMap template={template} state={c.state} />
          <h2>{t('pendingTimers')}</h2>
          {timers.length === 0 ? (
            <p className="empty">{t('noTimers')}</p>
          ) : (
            <ul className="plain" data-testid="timers">
              {timers.map((tm, i) => (
                <li key={i}>
                  {stateTitle(template, tm.state, lang)} · {formatDuration(tm.delay, lang)} ·{' '}
                  {t('dueAt')} {formatTime(tm.due, lang)}
                  {tm.target && ` → ${stateTitle(template, tm.target, lang)}`}
                </li>
              ))}
            </ul>
          )}
        </section>
        <section className="panel">
          <h2>{t('caseData')}</h2>
          <dl className="data-list" data-testid="case-data">
            {fieldsOf(template.data).map((f) => (
              <div key={f.name}>
                <dt>{pickLabel(f.title, lang, f.name)}</dt>
                <dd>{formatValue(c.data[f.name], lang) || '—'}</dd>
              </div>
            ))}
            <div>
              <dt>{t('assignee')}</dt>
              <dd>
                {c.assignment?.person ? c.assignment.person.displayName : (c.assignee ?? '—')}
                {c.assignment && !c.assignment.person && (
                  <span className="form-error" data-testid="assignee-unknown">
                    {' '}
                    {t('assigneeUnknown')}
                  </span>
                )}
                {!c.done && (
                  <ReassignCase
                    key={c.version}
                    caseId={c.id}
                    version={c.version}
                    district={c.district}
                    current={c.assignee}
                    onDone={(text) => {
                      setNotice({ ok: true, text });
                      loaded.reload();
                    }}
                    onStale={(text) => {
                      setNotice({ ok: false, text });
                      loaded.reload();
                    }}
                  />
                )}
              </dd>
            </div>
          </dl>
        </section>
        <section className="panel wide">
          <h2>{t('historyTitle')}</h2>
          <ol className="timeline" data-testid="history">
            {[...history].reverse().map((h) => (
              <li key={h.seq}>
                <span className="when">{formatTime(h.at, lang)}</span>
                <b>{entryTitle(template, h.type, lang, t)}</b>
                {h.type === 'migrated' && (
                  <span className="badge">
                    v{String(h.payload.fromVersion)} → v{String(h.payload.toVersion)}
                  </span>
                )}
                <span className="muted">
                  {h.from ? `${stateTitle(entryTemplates.get(h.seq)?.from, h.from, lang)} → ` : ''}
                  {stateTitle(entryTemplates.get(h.seq)?.to, h.to, lang)}
                </span>
                <span className="who-did">
                  {t('actor')}: <span title={h.actor ?? ''}>{shortId(h.actor)}</span>
                  {h.roles?.length ? `（${roleTitles(h.roles, lang)}）` : ''}
                </span>
              </li>
            ))}
          </ol>
        </section>
        <CasePrivacyPanels
          caseId={c.id}
          name={title}
          done={c.done}
          version={c.version}
          template={template}
          data={c.data}
          onErased={(text) => {
            setNotice({ ok: true, text });
            loaded.reload();
          }}
        />
      </div>
    </main>
  );
}

function EventSender(props: {
  caseId: string;
  version: number;
  event: NextEvent;
  template: Template;
  onSent: (text: string) => void;
  onConflict: (text: string) => void;
}) {
  const t = useText();
  const lang = useLang();
  const [open, setOpen] = useState(false);
  const [value, setValue] = useState<Record<string, unknown>>({});
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>();
  const title =
    pickLabel(props.event.title, lang) || eventTitle(props.template, props.event.type, lang);
  const send = async (payload: Record<string, unknown> | undefined) => {
    setBusy(true);
    setError(undefined);
    setFieldErrors(undefined);
    try {
      await api.call('sendEvent', {
        path: { id: props.caseId },
        body: { type: props.event.type, ...(payload && { payload }) },
        headers: { 'If-Match': `"${props.version}"`, 'Idempotency-Key': crypto.randomUUID() },
      });
      props.onSent(t('eventSent', { event: title }));
    } catch (problem) {
      if (problem instanceof ApiProblem && problem.code === 'version-conflict') {
        const actual = problem.details.actual;
        props.onConflict(t('conflict', { v: typeof actual === 'number' ? actual : '?' }));
        return;
      }
      setError(problemText(problem, lang));
      if (problem instanceof ApiProblem && problem.errors.length) {
        const form = props.event.form ?? undefined;
        setFieldErrors(
          Object.fromEntries(
            problem.errors.map((e) => {
              const pointer = e.path.replace(/^\/payload/, '');
              return [
                pointer,
                fieldProblemText(pointer, e.message, lang, (p) => fieldTitleAt(form, p, lang)),
              ];
            }),
          ),
        );
      }
    } finally {
      setBusy(false);
    }
  };
  const testId = `event-${props.event.type}`;
  if (!props.event.form)
    return (
      <div className="event-row">
        <button
          className="primary"
          disabled={busy}
          onClick={() => void send(undefined)}
          data-testid={testId}
        >
          {title}
        </button>
        {error && (
          <span className="form-error" role="alert">
            {error}
          </span>
        )}
      </div>
    );
  return (
    <div className="event-row">
      {!open ? (
        <button onClick={() => setOpen(true)} data-testid={testId}>
          {title} ✎
        </button>
      ) : (
        <fieldset className="event-form">
          <legend>{title}</legend>
          <JsonForm
            id={testId}
            schema={props.event.form}
            value={value}
            onChange={setValue}
            serverErrors={fieldErrors}
            disabled={busy}
            onSubmit={(v) => void send(v)}
          >
            {error && (
              <p className="form-error" role="alert">
                {error}
              </p>
            )}
            <button
              type="submit"
              className="primary"
              disabled={busy}
              data-testid={`${testId}-send`}
            >
              {t('send')}
            </button>{' '}
            <button type="button" onClick={() => setOpen(false)}>
              {t('cancel')}
            </button>
          </JsonForm>
        </fieldset>
      )}
    </div>
  );
}
