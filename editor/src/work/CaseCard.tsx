/**
 * One case on the phone: the data the template marks for workers (an address, a phone to tap,
 * the care level), what is due and by when, the last few history entries, one large button per
 * event I may send now, each opening its form (the app's one JSON Schema form); a result or a
 * conflict with both versions and what to do.
 */
import { Suspense, useEffect, useMemo, useRef, useState } from 'react';
import { Link, useParams } from 'react-router';
import { useLang, useText } from '../shell/lang-store.js';
import { pickLabel } from '../shell/pick-label.js';
import { problemText } from '../shell/problem-text.js';
import { dueText } from './due-text.js';
import { LazyJsonForm } from './lazy-json-form.js';
import { caseName } from './WorklistView.js';
import { caseHistory, recordEvent, resolveQueued, useWork } from './work-store.js';
import type { SendOutcome } from './work-store.js';
import type { History, QueuedEvent, WorkItem } from './work-types.js';

type NextEvent = WorkItem['nextEvents'][number];

const hasFields = (form: NextEvent['form']) =>
  !!form && Object.keys((form.properties as Record<string, unknown> | undefined) ?? {}).length > 0;

/** The card of the case in the URL. */
export function CaseCard() {
  const { caseId = '' } = useParams();
  const t = useText();
  const listed = useWork((s) => s.items.find((i) => i.case.id === caseId));
  // A case that just left my list (the event I sent moved it on) stays readable with its result.
  const last = useRef<WorkItem | undefined>(undefined);
  if (listed) last.current = listed;
  const item = listed ?? (last.current?.case.id === caseId ? last.current : undefined);
  const queue = useWork((s) => s.queue);
  const queued = useMemo(() => queue.filter((q) => q.caseId === caseId), [queue, caseId]);
  const ready = useWork((s) => s.ready);
  const [history, setHistory] = useState<History['items']>();
  const [open, setOpen] = useState<NextEvent>();
  const [outcome, setOutcome] = useState<{ event: NextEvent; result: SendOutcome }>();
  const [error, setError] = useState<string>();
  const lang = useLang();
  const version = item?.case.version;

  useEffect(() => {
    let live = true;
    void caseHistory(caseId)
      .then((items) => live && setHistory(items))
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, [caseId, version]);

  if (!item)
    return (
      <main className="work-card">
        <Link to="/work" className="work-back">
          ← {t('workBack')}
        </Link>
        {queued.map((q) => (
          <QueuedNote key={q.seq} entry={q} />
        ))}
        {ready && <p className="work-empty">{t('workNotFound')}</p>}
      </main>
    );

  const due = dueText(item.deadline, t);
  const send = async (event: NextEvent, payload: Record<string, unknown>) => {
    setError(undefined);
    try {
      const result = await recordEvent(item, event.type, event.title, payload);
      setOutcome({ event, result });
      setOpen(undefined);
    } catch (e) {
      setError(problemText(e, lang));
    }
  };

  return (
    <main className="work-card" data-testid="work-card">
      <Link to="/work" className="work-back" data-testid="work-back">
        ← {t('workBack')}
      </Link>
      <h1 className="work-card-name">{caseName(item)}</h1>
      <p className="work-card-programme">{item.programmeTitle}</p>
      <dl className="work-fields">
        {item.card
          .filter((f) => f.value !== caseName(item))
          .map((f) => (
            <div key={f.field}>
              <dt>{pickLabel(f.title, lang, f.field)}</dt>
              <dd>
                {f.kind === 'phone' ? (
                  <a className="work-tel" href={`tel:${String(f.value).replace(/\s+/g, '')}`}>
                    {String(f.value)}
                  </a>
                ) : typeof f.value === 'boolean' ? (
                  f.value ? (
                    t('workYes')
                  ) : (
                    t('workNo')
                  )
                ) : (
                  String(f.value)
                )}
              </dd>
            </div>
          ))}
        <div>
          <dt>{t('workState')}</dt>
          <dd data-testid="work-card-state">{pickLabel(item.stateTitle, lang, item.case.state)}</dd>
        </div>
        <div>
          <dt>{t('workDue')}</dt>
          <dd className={due?.overdue ? 'overdue' : ''}>{due ? due.text : t('workNoDeadline')}</dd>
        </div>
        {item.assignment && (
          <div>
            <dt>{t('workAssignee')}</dt>
            <dd>
              {item.assignment.person ? (
                item.assignment.person.displayName
              ) : (
                <span className="work-flag" data-testid="work-assignee-unknown">
                  {t('workAssigneeUnknown', { name: item.assignment.assignee })}
                </span>
              )}
            </dd>
          </div>
        )}
      </dl>

      {queued.map((q) => (
        <QueuedNote key={q.seq} entry={q} />
      ))}
      {outcome && <OutcomeNote event={outcome.event} result={outcome.result} />}
      {error && (
        <p className="work-error" role="alert">
          {error}
        </p>
      )}

      <section className="work-actions">
        <h2>{t('workActions')}</h2>
        {item.nextEvents.length === 0 && <p>{t('workNoActions')}</p>}
        {open ? (
          <EventForm event={open} onCancel={() => setOpen(undefined)} onSend={send} />
        ) : (
          item.nextEvents.map((e) => (
            <button
              key={e.type}
              className="work-button big"
              data-testid={`work-event-${e.type}`}
              onClick={() => (hasFields(e.form) ? setOpen(e) : setOpen({ ...e, form: null }))}
            >
              {pickLabel(e.title, lang, e.type)}
            </button>
          ))
        )}
      </section>

      <section className="work-history">
        <h2>{t('workHistory')}</h2>
        <ol data-testid="work-history">
          {(history ?? [])
            .slice(-5)
            .reverse()
            .map((h) => (
              <li key={h.seq}>
                <span>{historyTitle(h.type, item, t, lang)}</span>
                <time>{new Date(h.at).toLocaleString(lang === 'zh' ? 'zh-CN' : 'en-GB')}</time>
              </li>
            ))}
        </ol>
      </section>
    </main>
  );
}

function historyTitle(
  type: string,
  item: WorkItem,
  t: ReturnType<typeof useText>,
  lang: ReturnType<typeof useLang>,
): string {
  if (type === '(open)') return t('workHistoryOpen');
  if (type === '(reassign)') return t('workHistoryReassign');
  if (type.startsWith('(') || type.startsWith('xstate.')) return t('workHistoryTimer');
  return pickLabel(item.eventTitles[type], lang, type);
}

/** The form of one event, then a confirmation. */
function EventForm(props: {
  event: NextEvent;
  onCancel: () => void;
  onSend: (event: NextEvent, payload: Record<string, unknown>) => Promise<void>;
}) {
  const t = useText();
  const lang = useLang();
  const [value, setValue] = useState<Record<string, unknown>>({});
  const [busy, setBusy] = useState(false);
  const submit = (payload: Record<string, unknown>) => {
    setBusy(true);
    void props.onSend(props.event, payload).finally(() => setBusy(false));
  };
  const buttons = (
    <div className="work-form-buttons">
      <button
        type={props.event.form ? 'submit' : 'button'}
        className="work-button big primary"
        disabled={busy}
        data-testid="work-confirm"
        onClick={props.event.form ? undefined : () => submit({})}
      >
        {t('workConfirm')}
      </button>
      <button type="button" className="work-button" onClick={props.onCancel}>
        {t('workCancel')}
      </button>
    </div>
  );
  return (
    <div className="work-form" data-testid="work-form">
      <h3>{pickLabel(props.event.title, lang, props.event.type)}</h3>
      {props.event.form ? (
        <Suspense fallback={<p className="work-loading">{t('workFormLoading')}</p>}>
          <LazyJsonForm
            id={`work-${props.event.type}`}
            schema={props.event.form}
            value={value}
            onChange={setValue}
            onSubmit={submit}
            disabled={busy}
          >
            {buttons}
          </LazyJsonForm>
        </Suspense>
      ) : (
        buttons
      )}
    </div>
  );
}

/** What happened to the event just recorded. */
function OutcomeNote({ event, result }: { event: NextEvent; result: SendOutcome }) {
  const t = useText();
  const lang = useLang();
  if (result.kind !== 'done' && result.kind !== 'queued') return null;
  const name = pickLabel(event.title, lang, event.type);
  return (
    <p className={`work-result ${result.kind}`} role="status" data-testid="work-result">
      {result.kind === 'done'
        ? t('workDone', { event: name, state: pickLabel(result.stateTitle, lang, result.state) })
        : t('workSavedOffline', { event: name })}
    </p>
  );
}

/** A recorded event of this case still in the queue: waiting, or a conflict to settle. */
function QueuedNote({ entry }: { entry: QueuedEvent }) {
  const t = useText();
  const lang = useLang();
  const name = pickLabel(entry.title, lang, entry.type);
  if (entry.status === 'conflict')
    return (
      <section className="work-conflict" data-testid="work-conflict" role="alert">
        <h2>
          {t('workConflictTitle')} · {name}
        </h2>
        <p data-testid="work-conflict-yours">
          {t('workConflictYours', {
            state: pickLabel(entry.made.stateTitle, lang, entry.made.state),
            v: entry.ifMatch,
          })}
        </p>
        {entry.current && (
          <p data-testid="work-conflict-now">
            {t('workConflictNow', {
              state: pickLabel(entry.current.stateTitle, lang, entry.current.state),
              v: entry.current.version,
            })}
          </p>
        )}
        <p>{t('workConflictHelp')}</p>
        <div className="work-form-buttons">
          <button
            className="work-button"
            data-testid="work-resend"
            onClick={() => void resolveQueued(entry, 'resend')}
          >
            {t('workResend')}
          </button>
          <button
            className="work-button"
            data-testid="work-discard"
            onClick={() => void resolveQueued(entry, 'discard')}
          >
            {t('workDiscard')}
          </button>
        </div>
      </section>
    );
  return (
    <p className={`work-result queued ${entry.status}`} data-testid="work-queued-note">
      {name} ·{' '}
      {entry.status === 'refused'
        ? t('workFailed', { reason: entry.problem?.code ?? '' })
        : t('workQueuedOne')}
    </p>
  );
}
