/**
 * Who is using the app: a person signed in with a session cookie, or (the integrator/owner
 * fallback) a pasted API key, or nobody. One client for the console reads it on every request.
 */
import { createStore } from 'zustand/vanilla';
import { useStore } from 'zustand';
import { loadApiKey, storeApiKey } from '../api/api-key.js';
import { createApiClient } from '../api/api-client.js';
import { ApiProblem } from '../api/api-problem.js';
import type { Person } from '@relief/engine/contract';
import { learnRoleTitles } from './role-title.js';

/** The state of the session. */
export type Session =
  | { kind: 'checking' }
  | { kind: 'person'; person: Person; csrfToken: string | undefined }
  | { kind: 'key'; key: string }
  | { kind: 'none' };

const CSRF = 'relief.csrf';
const PERSON = 'relief.person';

/** Who last signed in on this device (for opening the Work area offline). */
function rememberPerson(person: Person | undefined): void {
  try {
    if (person) localStorage.setItem(PERSON, JSON.stringify(person));
    else localStorage.removeItem(PERSON);
  } catch {
    /* private mode: offline opening is not available */
  }
}

function rememberedPerson(): Person | undefined {
  try {
    const text = localStorage.getItem(PERSON);
    return text ? (JSON.parse(text) as Person) : undefined;
  } catch {
    return undefined;
  }
}

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
    rememberPerson(answer.person);
    return;
  } catch (error) {
    // No answer at all (offline): the person who last signed in here keeps their Work area;
    // the server still checks the cookie on every request once the network is back.
    const remembered = error instanceof ApiProblem ? undefined : rememberedPerson();
    if (remembered) {
      setSession({
        kind: 'person',
        person: remembered,
        csrfToken: sessionStorage.getItem(CSRF) ?? undefined,
      });
      return;
    }
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
  rememberPerson(answer.person);
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
  rememberPerson(undefined);
  setSession({ kind: 'none' });
}

/** The session, in React. */
export const useSession = (): Session => useStore(sessionStore, (s) => s.session);
