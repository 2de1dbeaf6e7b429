/** A refusal from the API (RFC 9457 problem+json), with its stable `code` and field errors. */

/** One field error: a JSON pointer into what was sent, and the server's message. */
export interface FieldProblem {
  path: string;
  message: string;
}

/** The server said no. Show `code` through the message catalog; `detail` is the server's English. */
export class ConsoleProblem extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly detail: string,
    readonly errors: FieldProblem[],
    readonly details: Record<string, unknown> = {},
  ) {
    super(detail || code);
    this.name = 'ConsoleProblem';
  }

  /** Read a failed response (any body; a non-JSON one keeps only its status). */
  static async from(response: Response): Promise<ConsoleProblem> {
    let body: Record<string, unknown> = {};
    try {
      const parsed: unknown = JSON.parse(await response.text());
      if (parsed && typeof parsed === 'object') body = parsed as Record<string, unknown>;
    } catch {
      /* not JSON (a proxy's page): the status says enough */
    }
    const code =
      typeof body.code === 'string'
        ? body.code
        : typeof body.type === 'string'
          ? body.type.replace(/^.*:/, '')
          : `http-${response.status}`;
    const errors = Array.isArray(body.errors)
      ? body.errors
          .filter((e): e is Record<string, unknown> => typeof e === 'object' && e !== null)
          .map((e) => ({
            path:
              typeof e.path === 'string' ? e.path : typeof e.pointer === 'string' ? e.pointer : '',
            message: typeof e.message === 'string' ? e.message : '',
          }))
      : [];
    return new ConsoleProblem(
      response.status,
      code,
      typeof body.detail === 'string' ? body.detail : '',
      errors,
      typeof body.details === 'object' && body.details !== null
        ? (body.details as Record<string, unknown>)
        : {},
    );
  }
}
