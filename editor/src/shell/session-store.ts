/**
 * Who is using the app: a person signed in with a session cookie, or (the integrator/owner
 * fallback) a pasted API key, or nobody. One client for the console reads it on every request.
 */
import { createStore } from 'zustand/vanilla';
import { useStore } from 'zustand';
import { loadApiKey, storeApiKey } from '../api/api-key.js';
import { createApiClient } from '../api/api-client.js';
import type { Person } from '@relief/engine/contract';
import { learnRoleTitles } from './role-title.js';

/** The state of the session. */
export type Session =
  | { kind: 'checking' }
  | { kind: 'person'; person: Person; csrfToken: string | undefined }
  | { kind: 'key'; key: string }
  | { kind: 'none' };

const CSRF = 'relief.csrf';

/** The one session store. */
export const sessionStore = createStore<{ session: Session }>(() => ({
  session: { kind: 'checking' },
}));

/** The web app's client, authenticated as the session says. */
export const api = createApiClient({
  credentials: () => {
    const s = sessionStore.getState().session;
    if (s.kind === 'key') return { key: s.key };
    if (s.kind === 'person') return { csrfToken: s.csrfToken };
    return {};
  },
});

const setSession = (session: Session) => sessionStore.setState({ session });

/** Ask the server who is signed in; fall back to a stored key. */
export async function checkSession(): Promise<void> {
  try {
    const answer = await api.call('getSession');
    const csrfToken = answer.csrfToken ?? sessionStorage.getItem(CSRF) ?? undefined;
    learnRoleTitles(answer.roleTitles);
    setSession({ kind: 'person', person: answer.person, csrfToken });
    return;
  } catch {
    /* 401: nobody is signed in (or the server has no sessions yet): a stored key may do */
  }
  const key = loadApiKey();
  setSession(key ? { kind: 'key', key } : { kind: 'none' });
}

/** Sign in with a login and password (`POST /api/v1/session`). */
export async function signIn(login: string, password: string): Promise<void> {
  const answer = await api.call('signIn', { body: { login, password } });
  if (answer.csrfToken) sessionStorage.setItem(CSRF, answer.csrfToken);
  // Before the session changes, so the header shows 居委会, not `committee`, on its first render.
  learnRoleTitles(answer.roleTitles);
  setSession({ kind: 'person', person: answer.person, csrfToken: answer.csrfToken });
}

/** Use a pasted API key (integrators and the owner). */
export function signInWithKey(key: string): void {
  storeApiKey(key);
  setSession(key.trim() ? { kind: 'key', key: key.trim() } : { kind: 'none' });
}

/** Sign out here (or everywhere); a key is forgotten in this browser. */
export async function signOut(everywhere = false): Promise<void> {
  const s = sessionStore.getState().session;
  if (s.kind === 'person')
    await (everywhere ? api.call('signOutEverywhere') : api.call('signOut')).catch(() => undefined);
  if (s.kind === 'key') storeApiKey('');
  sessionStorage.removeItem(CSRF);
  setSession({ kind: 'none' });
}

/** The session, in React. */
export const useSession = (): Session => useStore(sessionStore, (s) => s.session);
