/** People of the admin's districts: list, add (roles and district within the admin's own), reset a password, disable. */
import { useState } from 'react';
import type { FormEvent } from 'react';
import { ApiProblem } from '../../api/api-problem.js';
import type { Person } from '@relief/engine/contract';
import { grantableRoles } from '../grantable-roles.js';
import { LoadError } from '../LoadError.js';
import { RolePicker } from '../RolePicker.js';
import { useLoad } from '../use-load.js';
import { useLang, useText } from '../../shell/lang-store.js';
import { problemText } from '../../shell/problem-text.js';
import { roleTitle } from '../../shell/role-title.js';
import { api, useSession } from '../../shell/session-store.js';

/** The people page. */
export default function PeoplePage() {
  const t = useText();
  const lang = useLang();
  const session = useSession();
  const list = useLoad(async (signal) => {
    const [people, roles] = await Promise.all([
      api.call('listPeople', { signal }),
      grantableRoles(signal),
    ]);
    return { people: people.items, roles };
  }, 'people');
  const [form, setForm] = useState({
    login: '',
    displayName: '',
    password: '',
    district: session.kind === 'person' ? session.person.district : '',
    roles: [] as string[],
  });
  const [notice, setNotice] = useState<{ ok: boolean; text: string }>();
  if (
    list.error instanceof ApiProblem &&
    (list.error.code === 'no-route' || list.error.status === 404)
  )
    return (
      <main className="page">
        <h1>{t('people')}</h1>
        <p className="empty">{t('peopleUnavailable')}</p>
      </main>
    );
  const act = async (what: () => Promise<unknown>, ok: string) => {
    try {
      await what();
      setNotice({ ok: true, text: ok });
      list.reload();
    } catch (problem) {
      setNotice({ ok: false, text: problemText(problem, lang) });
    }
  };
  const create = (e: FormEvent) => {
    e.preventDefault();
    void act(() => api.call('createPerson', { body: form }), t('created'));
  };
  return (
    <main className="page">
      <h1>{t('people')}</h1>
      {list.error !== undefined && <LoadError error={list.error} retry={list.reload} />}
      {notice && (
        <p className={notice.ok ? 'ok' : 'form-error'} role="status">
          {notice.text}
        </p>
      )}
      <div className="table-wrap">
        <table className="grid" data-testid="people">
          <thead>
            <tr>
              <th>{t('displayName')}</th>
              <th>{t('login')}</th>
              <th>{t('roles')}</th>
              <th>{t('district')}</th>
              <th>{t('status')}</th>
              <th>{t('colActions')}</th>
            </tr>
          </thead>
          <tbody>
            {list.data?.people.map((p) => (
              <PersonRow key={p.id} person={p} act={act} />
            ))}
          </tbody>
        </table>
      </div>
      <form className="panel stack" onSubmit={create}>
        <h2>{t('addPerson')}</h2>
        <label>
          {t('displayName')}
          <input
            value={form.displayName}
            onChange={(e) => setForm({ ...form, displayName: e.target.value })}
          />
        </label>
        <label>
          {t('login')}
          <input value={form.login} onChange={(e) => setForm({ ...form, login: e.target.value })} />
        </label>
        <label>
          {t('password')}
          <input
            type="password"
            autoComplete="new-password"
            value={form.password}
            onChange={(e) => setForm({ ...form, password: e.target.value })}
          />
        </label>
        <label>
          {t('district')}
          <input
            value={form.district}
            onChange={(e) => setForm({ ...form, district: e.target.value })}
          />
        </label>
        <div>
          {t('roles')}:{' '}
          <RolePicker
            choices={list.data?.roles ?? []}
            value={form.roles}
            onChange={(roles) => setForm({ ...form, roles })}
          />
        </div>
        <button className="primary" type="submit">
          {t('addPerson')}
        </button>
      </form>
    </main>
  );
}

function PersonRow({
  person: p,
  act: run,
}: {
  person: Person;
  act: (what: () => Promise<unknown>, ok: string) => Promise<void>;
}) {
  const t = useText();
  const lang = useLang();
  const [password, setPassword] = useState('');
  return (
    <tr>
      <td>{p.displayName}</td>
      <td>{p.login}</td>
      <td>{p.roles.map((r) => roleTitle(r, lang)).join('、')}</td>
      <td>{p.district}</td>
      <td>{p.disabled ? t('disabled') : t('enabled')}</td>
      <td className="row-actions">
        <input
          type="password"
          placeholder={t('newPassword')}
          value={password}
          onChange={(e) => setPassword(e.target.value)}
          aria-label={t('newPassword')}
        />
        <button
          disabled={!password}
          onClick={() =>
            void run(
              () => api.call('resetPassword', { path: { id: p.id }, body: { password } }),
              t('passwordReset'),
            )
          }
        >
          {t('resetPassword')}
        </button>
        <button
          onClick={() =>
            void run(
              () =>
                api.call('changePerson', { path: { id: p.id }, body: { disabled: !p.disabled } }),
              t('changeSaved'),
            )
          }
        >
          {p.disabled ? t('enable') : t('disable')}
        </button>
      </td>
    </tr>
  );
}
