/**
 * An admin's reassignment of a case: pick a person of the case's district (by name or login, from
 * the people directory) or type an assignee as an integrator would; or clear it. Sent with the
 * case's version (`If-Match`), so a case that moved on meanwhile is not reassigned blindly.
 */
import { useEffect, useState } from 'react';
import type { Person } from '@relief/engine/contract';
import { ApiProblem } from '../api/api-problem.js';
import { useLang, useText } from '../shell/lang-store.js';
import { problemText } from '../shell/problem-text.js';
import { api, useSession } from '../shell/session-store.js';

/** The reassign button and its small form; `onDone` and `onStale` read the case again. */
export function ReassignCase(props: {
  caseId: string;
  version: number;
  district: string;
  current: string | null;
  onDone: (text: string) => void;
  /** The case moved on meanwhile: say so and read it again. */
  onStale: (text: string) => void;
}) {
  const t = useText();
  const lang = useLang();
  const session = useSession();
  const [open, setOpen] = useState(false);
  const [value, setValue] = useState(props.current ?? '');
  const [people, setPeople] = useState<Person[]>([]);
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const mayReassign =
    session.kind === 'key' || (session.kind === 'person' && session.person.roles.includes('admin'));

  useEffect(() => {
    if (!open) return;
    const controller = new AbortController();
    // Who the server would match: a person whose district holds the case's (the same street, or
    // the district above it).
    const covers = (p: Person) =>
      props.district === p.district || props.district.startsWith(`${p.district}/`);
    api
      .call('listPeople', { query: { limit: 200 }, signal: controller.signal })
      .then((list) => setPeople(list.items.filter((p) => !p.disabled && covers(p))))
      .catch(() => undefined); // the box still takes a typed login
    return () => controller.abort();
  }, [open, props.district]);

  if (!mayReassign) return null;
  if (!open)
    return (
      <button onClick={() => setOpen(true)} data-testid="reassign">
        {t('reassign')}
      </button>
    );

  const send = async (assignee: string | null) => {
    setBusy(true);
    setError(undefined);
    try {
      await api.call('reassignCase', {
        path: { id: props.caseId },
        body: { assignee },
        headers: { 'If-Match': `"${props.version}"` },
      });
      setOpen(false);
      props.onDone(assignee ? t('reassigned', { who: assignee }) : t('assigneeCleared'));
    } catch (problem) {
      if (problem instanceof ApiProblem && problem.code === 'version-conflict')
        props.onStale(t('reassignConflict'));
      else setError(problemText(problem, lang));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form
      className="reason-box"
      data-testid="reassign-form"
      onSubmit={(e) => {
        e.preventDefault();
        if (!value.trim()) return setError(t('reassignWho'));
        void send(value.trim());
      }}
    >
      <input
        list="reassign-people"
        value={value}
        onChange={(e) => setValue(e.target.value)}
        placeholder={t('reassignWho')}
        aria-label={t('reassignWho')}
        data-testid="reassign-to"
      />
      <datalist id="reassign-people">
        {people.map((p) => (
          <option key={p.id} value={p.login}>
            {p.displayName}
          </option>
        ))}
      </datalist>
      <button className="primary" type="submit" disabled={busy} data-testid="reassign-confirm">
        {t('confirm')}
      </button>
      {props.current && (
        <button type="button" disabled={busy} onClick={() => void send(null)}>
          {t('assigneeClear')}
        </button>
      )}
      <button type="button" onClick={() => setOpen(false)}>
        {t('cancel')}
      </button>
      {error && (
        <span className="form-error" role="alert">
          {error}
        </span>
      )}
    </form>
  );
}
