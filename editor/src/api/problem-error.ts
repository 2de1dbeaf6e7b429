/** A 4xx/5xx answer from the API, read from its RFC 9457 problem+json body. */

/** One located template finding from `errors[]` of a 422. */
export interface ProblemFinding {
  line?: number;
  col?: number;
  pointer?: string;
  code?: string;
  message: string;
}

/** The server said no; `detail` and `errors` are what the designer should read. */
export class ProblemError extends Error {
  constructor(
    readonly status: number,
    readonly title: string,
    readonly detail: string | undefined,
    readonly errors: ProblemFinding[],
  ) {
    super(detail ?? title);
    this.name = 'ProblemError';
  }

  /** Read a problem from a failed response (any body shape; non-JSON bodies become the detail). */
  static async from(response: Response): Promise<ProblemError> {
    const text = await response.text().catch(() => '');
    let body: Record<string, unknown> = {};
    try {
      const parsed: unknown = JSON.parse(text);
      if (typeof parsed === 'object' && parsed !== null) body = parsed as Record<string, unknown>;
    } catch {
      body = { detail: text.slice(0, 300) || undefined };
    }
    const errors = Array.isArray(body.errors)
      ? body.errors
          .filter((e): e is ProblemFinding => typeof e === 'object' && e !== null)
          .map(toFinding)
      : [];
    const title = typeof body.title === 'string' ? body.title : `HTTP ${response.status}`;
    return new ProblemError(
      response.status,
      title,
      typeof body.detail === 'string' ? body.detail : undefined,
      errors,
    );
  }

  /** The lines to show: the detail, then each finding as `line:col message`. */
  lines(): string[] {
    const where = (e: ProblemFinding) =>
      e.line !== undefined ? `${e.line}:${e.col ?? 1} ` : e.pointer ? `${e.pointer} ` : '';
    return this.errors.map((e) => `${where(e)}${e.message}${e.code ? ` [${e.code}]` : ''}`);
  }
}

function toFinding(e: ProblemFinding): ProblemFinding {
  return { ...e, message: typeof e.message === 'string' ? e.message : JSON.stringify(e) };
}
