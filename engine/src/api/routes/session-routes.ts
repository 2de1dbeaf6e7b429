/** Signing in and out with a session cookie. */
import type { Context } from 'hono';
import {
  SIGN_IN_FAILURE_POLICY,
  clearFailures,
  lockedUntil,
  recordFailure,
} from '../../store/auth-failure-repository.js';
import { decoyHash, verifyPassword } from '../../store/password-hash.js';
import { findPersonForSignIn } from '../../store/person-repository.js';
import { programmeRoleTitles } from '../../store/role-titles.js';
import type { PersonRecord } from '../../store/person-repository.js';
import { createSession, revokeAllSessions, revokeSession } from '../../store/session-repository.js';
import type { SessionRecord } from '../../store/session-repository.js';
import type { ApiContext, ApiEnv } from '../api-context.js';
import type { SessionCreate } from '../../contract/api-types.js';
import { HttpProblem } from '../http-problem.js';
import { readJson } from '../request-input.js';
import type { IdsOf, RouteTable } from '../route-table.js';
import type { SESSION_OPERATIONS } from './session-operations.js';
import { clearSessionCookie, setSessionCookie } from '../session-cookie.js';

/** A person as the API shows it (never the password hash). */
export function toPersonView(p: PersonRecord) {
  return {
    id: p.id,
    login: p.login,
    displayName: p.displayName,
    roles: p.roles,
    district: p.district,
    disabled: p.disabled,
    createdBy: p.createdBy,
    createdAt: p.createdAt,
    updatedAt: p.updatedAt,
  };
}

/** The session as the API shows it, with the titles of the person's programme roles. */
async function toSessionView(ctx: ApiContext, s: SessionRecord) {
  return {
    person: toPersonView(s.person),
    csrfToken: s.csrfToken,
    expiresAt: s.expiresAt,
    roleTitles: await programmeRoleTitles(ctx.store, s.person.roles),
  };
}

function locked(until: Date, now: Date): HttpProblem {
  const seconds = Math.max(1, Math.ceil((until.getTime() - now.getTime()) / 1000));
  return new HttpProblem(
    429,
    'sign-in-locked',
    `too many failed sign-ins for this login; try again in ${Math.ceil(seconds / 60)} minutes, or ask your admin to reset the password`,
    undefined,
    { 'retry-after': String(seconds) },
  );
}

function sessionOf(c: Context<ApiEnv>): SessionRecord {
  // `access: 'session'` guarantees it.
  return c.var.caller.session!;
}

/** Handlers of the session operations. */
export function sessionRoutes(ctx: ApiContext): RouteTable<IdsOf<typeof SESSION_OPERATIONS>> {
  return {
    async signIn(c) {
      const input = await readJson<SessionCreate>(ctx, c, 'signIn');
      const login = input.login.trim().toLowerCase();
      const subject = `login:${login}`;
      const until = await lockedUntil(ctx.store, subject);
      if (until) throw locked(until, ctx.store.clock.now());
      const found = await findPersonForSignIn(ctx.store, login);
      // An unknown login costs a hash check too, so timing does not tell which logins exist.
      const ok = await verifyPassword(found?.passwordHash ?? (await decoyHash()), input.password);
      if (!found || !ok) {
        await recordFailure(ctx.store, subject, SIGN_IN_FAILURE_POLICY);
        ctx.log.warn('sign-in failed', { requestId: c.var.requestId });
        throw new HttpProblem(401, 'sign-in-failed', 'the login or the password is wrong');
      }
      await clearFailures(ctx.store, subject);
      const { session, token } = await createSession(ctx.store, found.person, ctx.sessions);
      setSessionCookie(c, token, session.expiresAt, ctx.store.clock.now());
      ctx.log.info('signed in', { requestId: c.var.requestId, person: found.person.id });
      c.header('cache-control', 'no-store');
      return c.json(await toSessionView(ctx, session));
    },
    async getSession(c) {
      c.header('cache-control', 'no-store');
      return c.json(await toSessionView(ctx, sessionOf(c)));
    },
    async signOut(c) {
      await revokeSession(ctx.store, sessionOf(c).id);
      clearSessionCookie(c);
      return c.body(null, 204);
    },
    async signOutEverywhere(c) {
      const session = sessionOf(c);
      const ended = await revokeAllSessions(ctx.store, session.person.id);
      ctx.log.info('signed out everywhere', {
        requestId: c.var.requestId,
        person: session.person.id,
        sessions: ended,
      });
      clearSessionCookie(c);
      return c.body(null, 204);
    },
  };
}
