/**
 * Who is calling: a key (`Authorization: Bearer`) or a person's session cookie. A key is checked
 * first; a cookie authenticates only when no Authorization header is sent. Unsafe requests made
 * with the cookie must carry the session's CSRF token: a page of another site cannot read it, so it
 * cannot forge the request even where a browser would attach the cookie.
 */
import { timingSafeEqual } from 'node:crypto';
import { getConnInfo } from '@hono/node-server/conninfo';
import type { Context } from 'hono';
import { API_KEY_FAILURE_POLICY } from '../store/index.js';
import type { ApiContext, ApiEnv } from './api-context.js';
import type { OperationSpec } from './api-operations.js';
import { mayCall, toCaller, toSessionCaller } from './caller.js';
import type { Caller } from './caller.js';
import { HttpProblem, forbidden, unauthenticated } from './http-problem.js';
import { CSRF_HEADER, SESSION_COOKIE, sessionToken } from './session-cookie.js';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

function sameToken(given: string | undefined, expected: string): boolean {
  if (given === undefined) return false;
  const a = Buffer.from(given, 'utf8');
  const b = Buffer.from(expected, 'utf8');
  return a.length === b.length && timingSafeEqual(a, b);
}

/** A 401 that also clears a cookie whose session has ended. */
function sessionEnded(): HttpProblem {
  return new HttpProblem(
    401,
    'unauthenticated',
    'your session has ended (signed out, expired or revoked); sign in again',
    undefined,
    {
      'www-authenticate': 'Bearer realm="relief"',
      'set-cookie': `${SESSION_COOKIE}=; Max-Age=0; Path=/; HttpOnly; SameSite=Strict`,
    },
  );
}

async function sessionCaller(ctx: ApiContext, c: Context<ApiEnv>): Promise<Caller | undefined> {
  const token = sessionToken(c);
  if (token === undefined) return undefined;
  const session = await ctx.store.findSession(token, ctx.sessions);
  if (!session) throw sessionEnded();
  if (!SAFE_METHODS.has(c.req.method) && !sameToken(c.req.header(CSRF_HEADER), session.csrfToken))
    throw new HttpProblem(
      403,
      'csrf-token-invalid',
      'a request made with the session cookie must send the csrfToken of GET /api/v1/session as X-CSRF-Token',
    );
  return toSessionCaller(session);
}

async function keyCaller(ctx: ApiContext, c: Context<ApiEnv>, header: string): Promise<Caller> {
  const match = /^Bearer\s+(\S{1,200})\s*$/i.exec(header);
  const key = match ? await ctx.store.findApiKey(match[1]!) : undefined;
  // A valid key costs nothing more: failures are only counted, and locks only read, on refusal.
  if (key) return toCaller(key);
  const until = await ctx.store.recordFailure(
    `api-key-client:${clientAddress(c)}`,
    API_KEY_FAILURE_POLICY,
  );
  if (until) throw tooManyFailedKeys(until, ctx.store.clock.now());
  throw unauthenticated(
    match
      ? 'this API key is unknown or has been revoked'
      : 'the Authorization header must be `Bearer <key>`',
  );
}

/** The peer's address (a proxy's, behind one); `unknown` when not served over a socket. */
function clientAddress(c: Context<ApiEnv>): string {
  try {
    return getConnInfo(c).remote.address ?? 'unknown';
  } catch {
    return 'unknown';
  }
}

function tooManyFailedKeys(until: Date, now: Date): HttpProblem {
  const seconds = Math.max(1, Math.ceil((until.getTime() - now.getTime()) / 1000));
  return new HttpProblem(
    429,
    'too-many-failed-keys',
    `too many unknown API keys from this address; try again in ${seconds} seconds with a valid key`,
    undefined,
    { 'retry-after': String(seconds) },
  );
}

/** Authenticate the request for `op` and set `c.var.caller`, or throw 401/403. */
export async function authenticate(
  ctx: ApiContext,
  c: Context<ApiEnv>,
  op: OperationSpec,
): Promise<void> {
  const header = op.access === 'session' ? undefined : c.req.header('authorization');
  const caller =
    header !== undefined ? await keyCaller(ctx, c, header) : await sessionCaller(ctx, c);
  if (!caller)
    throw unauthenticated(
      op.access === 'session'
        ? 'sign in first (POST /api/v1/session)'
        : 'send your API key as `Authorization: Bearer <key>`, or sign in (POST /api/v1/session)',
    );
  c.set('caller', caller);
  if (!mayCall(caller, op.access))
    throw forbidden(
      `${op.summary.replace(/ \(.*$/, '').toLowerCase()} needs one of the roles: ${(op.access as readonly string[]).join(', ')}`,
    );
}
