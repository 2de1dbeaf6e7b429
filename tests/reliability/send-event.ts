/**
 * Sending one event the way a careful client does: a unique request id in the payload (so the
 * history shows what was applied) and the same id as `Idempotency-Key` (so a retry is safe).
 */
import { randomUUID } from 'node:crypto';

/** What became of a request. `unknown`: no answer (connection cut, server killed). */
export type Outcome =
  | { kind: 'ok'; status: number; version: number; replayed: boolean }
  | {
      kind: 'refused';
      status: number;
      problemType: string | undefined;
      detail: string | undefined;
      contentType: string;
    }
  | { kind: 'unknown'; error: string };

/** One event request. */
export interface EventRequest {
  rid: string;
  caseId: string;
  type: 'note' | 'draw';
  ifMatch?: number | undefined;
}

/** A fresh request id. */
export const newRid = (): string => randomUUID();

/** Send `request` to `baseUrl` with `key`; never throws. */
export async function sendEvent(
  baseUrl: string,
  key: string,
  request: EventRequest,
  timeoutMs = 15_000,
): Promise<Outcome> {
  try {
    const response = await fetch(`${baseUrl}/api/v1/cases/${request.caseId}/events`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${key}`,
        'content-type': 'application/json',
        'idempotency-key': request.rid,
        ...(request.ifMatch === undefined ? {} : { 'if-match': `"${request.ifMatch}"` }),
      },
      body: JSON.stringify({ type: request.type, payload: { rid: request.rid } }),
      signal: AbortSignal.timeout(timeoutMs),
    });
    const text = await response.text();
    const contentType = response.headers.get('content-type') ?? '';
    if (response.ok) {
      const body = JSON.parse(text) as { case: { version: number }; replayed: boolean };
      return {
        kind: 'ok',
        status: response.status,
        version: body.case.version,
        replayed: body.replayed,
      };
    }
    let problem: { type?: string; detail?: string } = {};
    try {
      problem = JSON.parse(text) as typeof problem;
    } catch {
      // Not JSON: the assertions on the content type will say so.
    }
    return {
      kind: 'refused',
      status: response.status,
      problemType: problem.type,
      detail: problem.detail,
      contentType,
    };
  } catch (error) {
    return { kind: 'unknown', error: describeFailure(error) };
  }
}

/**
 * `sendEvent`, sent again (same request, same Idempotency-Key) when the connection was closed
 * under it before any answer: what a careful HTTP/1.1 client does. A server closes a keep-alive
 * connection after 5 idle seconds; a client whose event loop lags (a loaded test process) can
 * send on it in that instant and sees "other side closed". The retry is safe because of the key:
 * the server applies the event once, or answers the first outcome again. A server that stays
 * unreachable still ends as `unknown` after `attempts`.
 */
export async function sendEventRetrying(
  baseUrl: string,
  key: string,
  request: EventRequest,
  attempts = 3,
): Promise<Outcome & { retries: number }> {
  for (let retries = 0; ; retries++) {
    const outcome = await sendEvent(baseUrl, key, request);
    const closedUnder = outcome.kind === 'unknown' && outcome.error.includes('UND_ERR_SOCKET');
    if (!closedUnder || retries + 1 >= attempts) return { ...outcome, retries };
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/**
 * A failed fetch as one line with its causes: `TypeError: fetch failed` alone does not say whether
 * the connection was refused, reset, closed by the server or timed out.
 */
export function describeFailure(error: unknown): string {
  const parts: string[] = [];
  for (let e: unknown = error, depth = 0; e !== undefined && depth < 4; depth++) {
    if (!(e instanceof Error)) {
      parts.push(typeof e === 'string' ? e : JSON.stringify(e));
      break;
    }
    const code = (e as { code?: unknown }).code;
    parts.push(`${e.name}${typeof code === 'string' ? ` ${code}` : ''}: ${e.message}`);
    e = e.cause;
  }
  return parts.join(' <- ');
}
