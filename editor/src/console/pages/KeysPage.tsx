/** API keys of the admin's districts (for integrators): list, create (shown once), revoke. */
import { useState } from 'react';
import type { FormEvent } from 'react';
import type { ApiKey } from '@relief/engine/contract';
import { formatTime } from '../format.js';
import { grantableRoles } from '../grantable-roles.js';
import { LoadError } from '../LoadError.js';
import { RolePicker } from '../RolePicker.js';
import { useLoad } from '../use-load.js';
import { useLang, useText } from '../../shell/lang-store.js';
import { problemText } from '../../shell/problem-text.js';
import { roleTitles } from '../../shell/role-title.js';
import { api, useSession } from '../../shell/session-store.js';

/** The keys page. */
export default function KeysPage() {
  const t = useText();
  const lang = useLang();
  const session = useSession();
  const list = useLoad(async (signal) => {
    const [keys, roles] = await Promise.all([
      api.call('listKeys', { signal }),
      grantableRoles(signal).then((roles) =>
        // Only the owner key hands out `admin` keys; a person is never the owner.
        session.kind === 'person' ? roles.filter((r) => r !== 'admin') : roles,
      ),
    ]);
    return { keys: keys.items, roles: roles.filter((r) => r !== 'admin') };
  }, 'keys');
  const [form, setForm] = useState({
    label: '',
    district: session.kind === 'person' ? session.person.district : '',
    roles: ['integrator'],
  });
  const [created, setCreated] = useState<ApiKey>();
  const [error, setError] = useState<string>();
  const create = async (e: FormEvent) => {
    e.preventDefault();
    setError(undefined);
    try {
      setCreated(await api.call('createKey', { body: form }));
      list.reload();
    } catch (problem) {
      setError(problemText(problem, lang));
    }
  };
  return (
    <main className="page">
      <h1>{t('keys')}</h1>
      {list.error !== undefined && <LoadError error={list.error} retry={list.reload} />}
      {created?.key && (
        <p className="ok" role="status">
          {t('keyShownOnce')} <code data-testid="new-key">{created.key}</code>
        </p>
      )}
      <div className="table-wrap">
        <table className="grid" data-testid="keys">
          <thead>
            <tr>
              <th>{t('label')}</th>
              <th>{t('roles')}</th>
              <th>{t('district')}</th>
              <th>{t('startedAt')}</th>
              <th>{t('colActions')}</th>
            </tr>
          </thead>
          <tbody>
            {list.data?.keys.map((k) => (
              <tr key={k.id} className={k.revokedAt ? 'muted' : ''}>
                <td>{k.label ?? '—'}</td>
                <td>{roleTitles(k.roles, lang)}</td>
                <td>{k.district || '—'}</td>
                <td>{formatTime(k.createdAt, lang)}</td>
                <td>
                  {k.revokedAt ? (
                    t('revoked')
                  ) : (
                    <button
                      className="danger"
                      onClick={() =>
                        void api
                          .call('revokeKey', { path: { id: k.id } })
                          .then(list.reload, (p: unknown) => setError(problemText(p, lang)))
                      }
                    >
                      {t('revoke')}
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <form className="panel stack" onSubmit={(e) => void create(e)}>
        <h2>{t('createKey')}</h2>
        <label>
          {t('label')}
          <input value={form.label} onChange={(e) => setForm({ ...form, label: e.target.value })} />
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
        {error && (
          <p className="form-error" role="alert">
            {error}
          </p>
        )}
        <button className="primary" type="submit" disabled={form.roles.length === 0}>
          {t('createKey')}
        </button>
      </form>
    </main>
  );
}
