/** Webhooks of the admin's districts: list, create (secret shown once), stop, and each one's delivery log. */
import { useState } from 'react';
import type { FormEvent } from 'react';
import type { Webhook } from '@relief/engine/contract';
import { formatTime } from '../format.js';
import { LoadError } from '../LoadError.js';
import { useLoad } from '../use-load.js';
import { useLang, useText } from '../../shell/lang-store.js';
import { problemText } from '../../shell/problem-text.js';
import { api } from '../../shell/session-store.js';

const DELIVERY_TEXT = {
  pending: 'deliveryPending',
  delivered: 'deliveryDelivered',
  failed: 'deliveryFailed',
} as const;

/** The webhooks page. */
export default function WebhooksPage() {
  const t = useText();
  const lang = useLang();
  const list = useLoad((signal) => api.call('listWebhooks', { signal }), 'webhooks');
  const [form, setForm] = useState({ url: '', events: '', description: '' });
  const [created, setCreated] = useState<Webhook>();
  const [open, setOpen] = useState<string>();
  const [error, setError] = useState<string>();
  const create = async (e: FormEvent) => {
    e.preventDefault();
    setError(undefined);
    try {
      const events = form.events.split(/[,，\s]+/).filter(Boolean);
      setCreated(
        await api.call('createWebhook', {
          body: {
            url: form.url.trim(),
            ...(events.length && { events }),
            ...(form.description.trim() && { description: form.description.trim() }),
          },
        }),
      );
      list.reload();
    } catch (problem) {
      setError(problemText(problem, lang));
    }
  };
  return (
    <main className="page">
      <h1>{t('webhooks')}</h1>
      {list.error !== undefined && <LoadError error={list.error} retry={list.reload} />}
      {created?.secret && (
        <p className="ok" role="status">
          {t('secretShownOnce')} <code>{created.secret}</code>
        </p>
      )}
      <div className="table-wrap">
        <table className="grid" data-testid="webhooks">
          <thead>
            <tr>
              <th>{t('webhookUrl')}</th>
              <th>{t('events')}</th>
              <th>{t('district')}</th>
              <th>{t('colActions')}</th>
            </tr>
          </thead>
          <tbody>
            {list.data?.items.map((w) => (
              <tr key={w.id} className={w.disabledAt ? 'muted' : ''}>
                <td className="mono">{w.url}</td>
                <td>{w.events.length ? w.events.join(', ') : t('allEvents')}</td>
                <td>{w.district || '—'}</td>
                <td className="row-actions">
                  <button onClick={() => setOpen(open === w.id ? undefined : w.id)}>
                    {t('deliveries')}
                  </button>
                  {!w.disabledAt && (
                    <button
                      className="danger"
                      onClick={() =>
                        void api
                          .call('deleteWebhook', { path: { id: w.id } })
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
      {open && <Deliveries id={open} />}
      <form className="panel stack" onSubmit={(e) => void create(e)}>
        <h2>{t('createWebhook')}</h2>
        <label>
          {t('webhookUrl')}
          <input
            type="url"
            value={form.url}
            onChange={(e) => setForm({ ...form, url: e.target.value })}
          />
        </label>
        <label>
          {t('webhookEvents')}
          <input
            value={form.events}
            onChange={(e) => setForm({ ...form, events: e.target.value })}
          />
        </label>
        <label>
          {t('description')}
          <input
            value={form.description}
            onChange={(e) => setForm({ ...form, description: e.target.value })}
          />
        </label>
        {error && (
          <p className="form-error" role="alert">
            {error}
          </p>
        )}
        <button className="primary" type="submit" disabled={!form.url.trim()}>
          {t('createWebhook')}
        </button>
      </form>
    </main>
  );
}

function Deliveries({ id }: { id: string }) {
  const t = useText();
  const lang = useLang();
  const log = useLoad((signal) => api.call('listDeliveries', { path: { id }, signal }), id);
  return (
    <section className="panel">
      <h2>{t('deliveries')}</h2>
      {log.error !== undefined && <LoadError error={log.error} retry={log.reload} />}
      {log.data?.items.length === 0 && <p className="empty">{t('noDeliveries')}</p>}
      {log.data && log.data.items.length > 0 && (
        <table className="grid">
          <thead>
            <tr>
              <th>{t('changedAt')}</th>
              <th>{t('eventType')}</th>
              <th>{t('status')}</th>
              <th>{t('attempts')}</th>
              <th>{t('lastStatus')}</th>
            </tr>
          </thead>
          <tbody>
            {log.data.items.map((d) => (
              <tr key={d.id}>
                <td>{formatTime(d.createdAt, lang)}</td>
                <td>{d.event}</td>
                <td>{t(DELIVERY_TEXT[d.status])}</td>
                <td className="num">{d.attempts}</td>
                <td>{d.lastStatus ?? '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
