/**
 * A refusal from the API (RFC 9457 problem+json, the contract's `Problem`): its stable `code`,
 * field errors (`path`, `message`), located template findings, and `details`.
 */
import type { Problem, TemplateFinding } from '@relief/engine/contract';

/** One field error: a JSON pointer into what was sent, and the server's message. */
export interface FieldProblem {
  path: string;
  message: string;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;

function isFinding(e: Record<string, unknown>): e is TemplateFinding {
  return typeof e.line === 'number' && typeof e.pointer === 'string';
}

/** The server said no. Show `code` through the message catalog; `detail` is the server's English. */
export class ApiProblem extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly detail: string,
    /** Every entry of `errors` as a field error (a template finding's pointer is its path). */
    readonly errors: FieldProblem[],
    readonly details: NonNullable<Problem['details']> = {},
    /** The located template findings among `errors`. */
    readonly findings: TemplateFinding[] = [],
  ) {
    super(detail || code);
    this.name = 'ApiProblem';
  }

  /** Read a failed response; a body that is not problem+json (a proxy's page) keeps its status. */
  static async from(response: Response): Promise<ApiProblem> {
    let body: Partial<Problem> = {};
    try {
      const parsed: unknown = JSON.parse(await response.text());
      if (isObject(parsed)) body = parsed;
    } catch {
      /* not JSON: the status says enough */
    }
    const code =
      typeof body.code === 'string'
        ? body.code
        : typeof body.type === 'string'
          ? body.type.replace(/^.*:/, '')
          : `http-${response.status}`;
    const entries = Array.isArray(body.errors) ? body.errors.filter(isObject) : [];
    return new ApiProblem(
      response.status,
      code,
      typeof body.detail === 'string' ? body.detail : '',
      entries.map((e) => ({
        path: 'path' in e && typeof e.path === 'string' ? e.path : 'pointer' in e ? e.pointer : '',
        message: typeof e.message === 'string' ? e.message : '',
      })),
      isObject(body.details) ? body.details : {},
      entries.filter(isFinding),
    );
  }

  /** The template findings as lines to show: `line:col message [code]`. */
  lines(): string[] {
    return this.findings.map((e) => `${e.line}:${e.col} ${e.message} [${e.code}]`);
  }
}
