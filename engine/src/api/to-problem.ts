/**
 * The one place an error becomes an HTTP answer: RFC 9457 problem+json with a stable `type`.
 * Engine errors map by `kind`; HTTP-layer problems carry their status; anything else is a 500
 * whose detail says nothing about the internals.
 */
import { HTTPException } from 'hono/http-exception';
import {
  EngineError,
  MAX_LISTED_FINDINGS,
  TemplateInvalidError,
  ValidationFailedError,
} from '../errors/engine-error.js';
import type { ErrorKind } from '../errors/engine-error.js';
import { databaseErrorOf } from '../store/index.js';
import { HttpProblem } from './http-problem.js';

/** The JSON body of a problem answer (see `schemas/api/problem.schema.json`). */
export interface ProblemBody {
  type: string;
  title: string;
  status: number;
  detail: string;
  code: string;
  instance?: string;
  requestId?: string;
  errors?: readonly unknown[];
  /** Findings not listed in `errors` (at most `MAX_LISTED_FINDINGS` are). */
  errorsOmitted?: number;
  details?: Record<string, unknown>;
}

/** A problem and the extra headers it needs. */
export interface ProblemAnswer {
  body: ProblemBody;
  headers: Record<string, string>;
  /** An unexpected failure: log it with its stack. */
  unexpected: boolean;
}

/** Media type of every error answer. */
export const PROBLEM_JSON = 'application/problem+json';

const STATUS_OF_KIND: Record<ErrorKind, number> = {
  user: 400,
  forbidden: 403,
  'not-found': 404,
  conflict: 409,
  unprocessable: 422,
  'precondition-failed': 412,
  'precondition-required': 428,
  internal: 500,
};

const TITLES: Record<number, string> = {
  400: 'Bad request',
  401: 'Unauthenticated',
  403: 'Forbidden',
  404: 'Not found',
  405: 'Method not allowed',
  406: 'Not acceptable',
  409: 'Conflict',
  412: 'Precondition failed',
  413: 'Content too large',
  415: 'Unsupported media type',
  422: 'Unprocessable content',
  428: 'Precondition required',
  429: 'Too many requests',
  500: 'Internal server error',
  503: 'Service unavailable',
};

/** Stable problem type for a code. */
export function problemType(code: string): string {
  return `urn:relief:problem:${code}`;
}

function body(status: number, code: string, detail: string): ProblemBody {
  return { type: problemType(code), title: TITLES[status] ?? 'Error', status, detail, code };
}

/** The first `MAX_LISTED_FINDINGS` findings, and how many more there were. */
function listFindings(problem: ProblemBody, findings: readonly unknown[]): void {
  problem.errors = findings.slice(0, MAX_LISTED_FINDINGS);
  if (findings.length > MAX_LISTED_FINDINGS)
    problem.errorsOmitted = findings.length - MAX_LISTED_FINDINGS;
}

/** Turn anything thrown while handling a request into a problem. */
export function toProblem(error: unknown): ProblemAnswer {
  if (error instanceof HttpProblem) {
    const problem = body(error.status, error.code, error.message);
    if (error.errors) problem.errors = error.errors;
    return { body: problem, headers: error.headers ?? {}, unexpected: false };
  }
  if (error instanceof EngineError && error.kind !== 'internal') {
    const problem = body(STATUS_OF_KIND[error.kind], error.code, error.message);
    if (error instanceof TemplateInvalidError)
      listFindings(
        problem,
        error.issues.map(({ line, col, pointer, code, severity, message }) => ({
          line,
          col,
          pointer,
          code,
          severity,
          message,
        })),
      );
    else if (error instanceof ValidationFailedError) listFindings(problem, error.fieldErrors);
    else if (error.details) problem.details = error.details;
    return { body: problem, headers: {}, unexpected: false };
  }
  // A value the database refuses as data (out of range, not encodable): the request's fault, and
  // its transaction was rolled back whole.
  const database = databaseErrorOf(error);
  if (database?.code.startsWith('22'))
    return {
      body: body(
        422,
        'invalid-value',
        `a value cannot be stored (SQLSTATE ${database.code}); check numbers are in range and text is plain Unicode`,
      ),
      headers: {},
      unexpected: false,
    };
  if (error instanceof HTTPException && error.status < 500) {
    const code = error.status === 404 ? 'no-route' : `http-${error.status}`;
    return {
      body: body(error.status, code, error.message || TITLES[error.status] || 'Error'),
      headers: {},
      unexpected: false,
    };
  }
  return {
    body: body(
      500,
      'internal',
      'The server failed to handle this request; quote the request id when reporting it.',
    ),
    headers: {},
    unexpected: true,
  };
}
