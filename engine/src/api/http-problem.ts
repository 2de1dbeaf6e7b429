/** Problems found at the HTTP layer, before the engine is involved (auth, media type, size, syntax). */

/** A refusal with its HTTP status and stable code; `to-problem.ts` turns it into problem+json. */
export class HttpProblem extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly errors?: readonly { path: string; message: string }[],
    readonly headers?: Record<string, string>,
  ) {
    super(message);
    this.name = 'HttpProblem';
  }
}

/** 401: no key, or a key that is unknown or revoked. */
export function unauthenticated(detail: string): HttpProblem {
  return new HttpProblem(401, 'unauthenticated', detail, undefined, {
    'www-authenticate': 'Bearer realm="relief"',
  });
}

/** 403: the key is valid but none of its roles may do this. */
export function forbidden(detail: string): HttpProblem {
  return new HttpProblem(403, 'forbidden', detail);
}

/** 400: the request itself is malformed (syntax, encoding, a bad header or query value). */
export function badRequest(code: string, detail: string): HttpProblem {
  return new HttpProblem(400, code, detail);
}
