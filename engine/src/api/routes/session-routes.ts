/** Signing in and out with a session cookie. */
import type { Context } from 'hono';
import type { PersonRecord, SessionRecord } from '../../store/index.js';
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
    roleTitles: await ctx.store.programmeRoleTitles(s.person.roles),
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
      const signedIn = await ctx.store.signIn(input, ctx.sessions);
      if (signedIn.outcome === 'locked') throw locked(signedIn.until, ctx.store.clock.now());
      if (signedIn.outcome === 'failed') {
        ctx.log.warn('sign-in failed', { requestId: c.var.requestId });
        throw new HttpProblem(401, 'sign-in-failed', 'the login or the password is wrong');
      }
      const { session, token } = signedIn;
      setSessionCookie(c, token, session.expiresAt, ctx.store.clock.now());
      ctx.log.info('signed in', { requestId: c.var.requestId, person: session.person.id });
      c.header('cache-control', 'no-store');
      return c.json(await toSessionView(ctx, session));
    },
    async getSession(c) {
      c.header('cache-control', 'no-store');
      return c.json(await toSessionView(ctx, sessionOf(c)));
    },
    async signOut(c) {
      await ctx.store.revokeSession(sessionOf(c).id);
      clearSessionCookie(c);
      return c.body(null, 204);
    },
    async signOutEverywhere(c) {
      const session = sessionOf(c);
      const ended = await ctx.store.revokeAllSessions(session.person.id);
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
