/** The shape of an entry of the operation table (`api-operations.ts`), and shared parameters. */

/** The system roles; any other role a key holds is a programme role (`committee`, `courier`, …). */
export const SYSTEM_ROLES = ['designer', 'admin', 'auditor', 'integrator'] as const;

/** A system role. */
export type SystemRole = (typeof SYSTEM_ROLES)[number];

/**
 * Who may call an operation: `public` (no key), `any` (any valid key or session), `session` (a
 * person signed in with the session cookie; keys do not count), or a list of system roles plus
 * `worker` (a caller holding at least one programme role). The owner key holds every system role.
 */
export type Access = 'public' | 'any' | 'session' | readonly (SystemRole | 'worker')[];

/** A query or header parameter. */
export interface ParameterSpec {
  name: string;
  in: 'query' | 'header';
  description: string;
  schema: Record<string, unknown>;
  required?: boolean;
}

/** One operation. Schema names are files of `schemas/api/` without `.schema.json`. */
export interface OperationSpec {
  id: string;
  method: 'get' | 'post' | 'patch' | 'delete';
  /** OpenAPI path, `{name}` for parameters. */
  path: string;
  tag: string;
  summary: string;
  description?: string;
  access: Access;
  body?: { schema?: string; types: readonly string[] };
  parameters?: readonly ParameterSpec[];
  /** Success status and response schema (a file of `schemas/api/`), or null with the media type. */
  success: { status: number; schema: string | null; contentType?: string };
  /** Error statuses this operation answers with (problem+json), beyond 400/401/500. */
  problems: readonly number[];
}

/** Keyset pagination: where the previous page ended. */
export const CURSOR_PARAMETER: ParameterSpec = {
  name: 'cursor',
  in: 'query',
  description: 'The `nextCursor` of the previous page.',
  schema: { type: 'string', maxLength: 500 },
};

/** Page size. */
export const LIMIT_PARAMETER: ParameterSpec = {
  name: 'limit',
  in: 'query',
  description: 'Page size, 1 to 500 (default 50).',
  schema: { type: 'integer', minimum: 1, maximum: 500 },
};
