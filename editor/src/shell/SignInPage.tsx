/** Sign in with a login and password; integrators and the owner may paste an API key instead. */
import { useState } from 'react';
import type { FormEvent } from 'react';
import { useNavigate, useSearchParams } from 'react-router';
import { ApiProblem } from '../api/api-problem.js';
import { useLang, useText } from './lang-store.js';
import { problemText } from './problem-text.js';
import { signIn, signInWithKey } from './session-store.js';

/** The sign-in page. */
export function SignInPage() {
  const t = useText();
  const lang = useLang();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const next = params.get('next')?.startsWith('/') ? params.get('next')! : '/programmes';
  const [login, setLogin] = useState('');
  const [password, setPassword] = useState('');
  const [key, setKey] = useState('');
  const [error, setError] = useState<string>();
  const [keyError, setKeyError] = useState<string>();
  const [busy, setBusy] = useState(false);
  // The designer's pages have their own Content-Security-Policy: reach them with a page load.
  const leave = () =>
    next.startsWith('/design')
      ? window.location.replace(next)
      : void navigate(next, { replace: true });

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!login.trim() || !password) return setError(t('signInWrong'));
    setBusy(true);
    setError(undefined);
    try {
      await signIn(login.trim(), password);
      leave();
    } catch (problem) {
      setError(
        problem instanceof ApiProblem && problem.status === 401
          ? t('signInWrong')
          : problem instanceof ApiProblem && problem.status === 429
            ? t('signInLocked')
            : problemText(problem, lang),
      );
    } finally {
      setBusy(false);
    }
  };

  const submitKey = async (e: FormEvent) => {
    e.preventDefault();
    setKeyError(undefined);
    try {
      // Any read the key may do proves it; the programme list is open to every role.
      await fetch('/api/v1/programmes?limit=1', {
        headers: { Authorization: `Bearer ${key.trim()}` },
      }).then((r) => {
        if (r.status === 401) throw new Error('refused');
      });
      signInWithKey(key);
      leave();
    } catch {
      setKeyError(t('keyRefused'));
    }
  };

  return (
    <main className="page narrow sign-in">
      <h1>{t('signInTitle')}</h1>
      <form onSubmit={(e) => void submit(e)} className="stack" aria-label={t('signIn')}>
        <label>
          {t('login')}
          <input
            name="login"
            autoComplete="username"
            value={login}
            onChange={(e) => setLogin(e.target.value)}
            data-testid="login"
          />
        </label>
        <label>
          {t('password')}
          <input
            name="password"
            type="password"
            autoComplete="current-password"
            value={password}
            onChange={(e) => setPassword(e.target.value)}
            data-testid="password"
          />
        </label>
        {error && (
          <p className="form-error" role="alert" data-testid="sign-in-error">
            {error}
          </p>
        )}
        <button type="submit" className="primary" disabled={busy} data-testid="sign-in">
          {t('signIn')}
        </button>
      </form>
      <details className="key-fallback">
        <summary>{t('orKey')}</summary>
        <form onSubmit={(e) => void submitKey(e)} className="stack">
          <label>
            {t('apiKey')}
            <input
              type="password"
              autoComplete="off"
              value={key}
              onChange={(e) => setKey(e.target.value)}
              data-testid="key-input"
            />
          </label>
          {keyError && (
            <p className="form-error" role="alert">
              {keyError}
            </p>
          )}
          <button type="submit" disabled={!key.trim()} data-testid="use-key">
            {t('useKey')}
          </button>
        </form>
      </details>
    </main>
  );
}
