/** The session cookie: its name and attributes, set on sign-in and cleared on sign-out. */
import type { Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';

/** Name of the cookie that carries a person's session token. */
export const SESSION_COOKIE = 'relief_session';

/** Header that carries the session's CSRF token on unsafe requests. */
export const CSRF_HEADER = 'x-csrf-token';

/**
 * Was the request made over HTTPS? Directly, or through a proxy that terminated TLS and says so
 * (`X-Forwarded-Proto: https`). Only used to add `Secure`, which can never weaken the cookie.
 */
function overHttps(c: Context): boolean {
  const forwarded = c.req.header('x-forwarded-proto')?.split(',')[0]?.trim().toLowerCase();
  return forwarded === 'https' || new URL(c.req.url).protocol === 'https:';
}

/** The session token of the request's cookie, if any. */
export function sessionToken(c: Context): string | undefined {
  const token = getCookie(c, SESSION_COOKIE);
  return token && token.length <= 200 ? token : undefined;
}

/** Set the cookie: HttpOnly (no script reads it), SameSite=Strict (no other site sends it). */
export function setSessionCookie(c: Context, token: string, expiresAt: Date, now: Date): void {
  setCookie(c, SESSION_COOKIE, token, {
    httpOnly: true,
    sameSite: 'Strict',
    path: '/',
    secure: overHttps(c),
    maxAge: Math.max(0, Math.floor((expiresAt.getTime() - now.getTime()) / 1000)),
  });
}

/** Clear the cookie in the browser. */
export function clearSessionCookie(c: Context): void {
  deleteCookie(c, SESSION_COOKIE, {
    httpOnly: true,
    sameSite: 'Strict',
    path: '/',
    secure: overHttps(c),
  });
}
