/**
 * Signing a person in with a login and a password: the lock after repeated failures, a hash check
 * that costs the same for an unknown login, and a new session on success.
 */
import {
  SIGN_IN_FAILURE_POLICY,
  clearFailures,
  lockedUntil,
  recordFailure,
} from './auth-failure-repository.js';
import { decoyHash, verifyPassword } from './password-hash.js';
import { findPersonForSignIn } from './person-repository.js';
import { createSession } from './session-repository.js';
import type { SessionPolicy, SessionRecord } from './session-repository.js';
import type { StoreContext } from './store-context.js';

/** What a sign-in came to: a session and its cookie token, a lock in force, or a wrong password. */
export type SignInOutcome =
  | { outcome: 'signed-in'; session: SessionRecord; token: string }
  | { outcome: 'locked'; until: Date }
  | { outcome: 'failed' };

/** Check the login and password; on success start a session. */
export async function signIn(
  ctx: StoreContext,
  credentials: { login: string; password: string },
  policy?: SessionPolicy,
): Promise<SignInOutcome> {
  const login = credentials.login.trim().toLowerCase();
  const subject = `login:${login}`;
  const until = await lockedUntil(ctx, subject);
  if (until) return { outcome: 'locked', until };
  const found = await findPersonForSignIn(ctx, login);
  // An unknown login costs a hash check too, so timing does not tell which logins exist.
  const ok = await verifyPassword(found?.passwordHash ?? (await decoyHash()), credentials.password);
  if (!found || !ok) {
    await recordFailure(ctx, subject, SIGN_IN_FAILURE_POLICY);
    return { outcome: 'failed' };
  }
  await clearFailures(ctx, subject);
  const { session, token } = await createSession(ctx, found.person, policy);
  return { outcome: 'signed-in', session, token };
}
