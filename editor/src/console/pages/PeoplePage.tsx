/** People of the admin's districts: list, add (roles and district within the admin's own), reset a password, disable. */
import { useState } from 'react';
import type { FormEvent } from 'react';
import type { Person } from '@relief/engine/contract';
import { grantableRoles } from '../grantable-roles.js';
import { LoadError } from '../LoadError.js';
import { RolePicker } from '../RolePicker.js';
import { useLoad } from '../use-load.js';
import { useLang, useText } from '../../shell/lang-store.js';
import { fieldProblemLines, problemText } from '../../shell/problem-text.js';
import { roleTitles } from '../../shell/role-title.js';
import { api, useSession } from '../../shell/session-store.js';

/** The people page. */
export default function PeoplePage() {
  const t = useText();
  const lang = useLang();
  const session = useSession();
  const list = useLoad(async (signal) => {
    const [people, roles] = await Promise.all([
      api.call('listPeople', { signal }),
      grantableRoles(signal, session.kind === 'person' ? session.person.roles : undefined),
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
  const [notice, setNotice] = useState<{ ok: boolean; text: string; fields?: string[] }>();
  // Field errors name the field by the form's own label (密码, 登录名), never a JSON pointer.
  const fieldTitle = (pointer: string) =>
    ({
      '/login': t('login'),
      '/displayName': t('displayName'),
      '/password': t('password'),
      '/district': t('district'),
      '/roles': t('roles'),
    })[pointer.replace(/\/\d+$/, '')] ?? '';
  const act = async (what: () => Promise<unknown>, ok: string) => {
    try {
      await what();
      setNotice({ ok: true, text: ok });
      list.reload();
    } catch (problem) {
      setNotice({
        ok: false,
        text: problemText(problem, lang),
        fields: fieldProblemLines(problem, lang, fieldTitle),
      });
    }
  };
  const create = (e: FormEvent) => {
    e.preventDefault();
    void act(async () => {
      await api.call('createPerson', { body: form });
      // A clean form for the next person; the password typed for this one must not linger.
      setForm({ ...form, login: '', displayName: '', password: '', roles: [] });
    }, t('created'));
  };
  return (
    <main className="page">
      <h1>{t('people')}</h1>
      {list.error !== undefined && <LoadError error={list.error} retry={list.reload} />}
      {notice && (
        <div className={notice.ok ? 'ok' : 'form-error'} role="status" data-testid="people-notice">
          <p>{notice.text}</p>
          {notice.fields && notice.fields.length > 0 && (
            <ul>
              {notice.fields.map((line) => (
                <li key={line}>{line}</li>
              ))}
            </ul>
          )}
        </div>
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
            data-testid="person-display-name"
          />
        </label>
        <label>
          {t('login')}
          <input
            value={form.login}
            onChange={(e) => setForm({ ...form, login: e.target.value })}
            data-testid="person-login"
          />
        </label>
        <label>
          {t('password')}
          <input
            type="password"
            autoComplete="new-password"
            value={form.password}
            onChange={(e) => setForm({ ...form, password: e.target.value })}
            data-testid="person-password"
          />
        </label>
        <label>
          {t('district')}
          <input
            value={form.district}
            onChange={(e) => setForm({ ...form, district: e.target.value })}
            data-testid="person-district"
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
        <button className="primary" type="submit" data-testid="add-person">
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
    <tr data-login={p.login}>
      <td>{p.displayName}</td>
      <td>{p.login}</td>
      <td>{roleTitles(p.roles, lang)}</td>
      <td>{p.district}</td>
      <td data-testid="person-status">{p.disabled ? t('disabled') : t('enabled')}</td>
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
          data-testid="toggle-person"
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
