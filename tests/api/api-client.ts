/**
 * An HTTP client for black-box tests that checks every answer against the server's own OpenAPI
 * document: the status must be documented for the operation, the media type must match, and the
 * body must validate against the documented schema.
 */
import { Ajv2020 } from 'ajv/dist/2020.js';
import type { ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';

type Json = Record<string, unknown>;

/**
 * A response body: JSON whose shape is checked at run time against the OpenAPI document, so tests
 * read it freely.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Body = any;

/** One answer. */
export interface ApiResponse<T = Body> {
  status: number;
  headers: Headers;
  body: T;
  text: string;
}

/** What a request may carry. */
export interface RequestOptions {
  key?: string | undefined;
  json?: unknown;
  /** A raw body (with `type` as its Content-Type). */
  body?: string | Uint8Array | undefined;
  type?: string | undefined;
  headers?: Record<string, string> | undefined;
}

/** Validates answers against an OpenAPI document. */
export interface ResponseChecker {
  check(method: string, path: string, response: ApiResponse): void;
  /** Operation ids seen, with the statuses seen for each. */
  readonly seen: Map<string, Set<number>>;
}

/** Compile a checker for an OpenAPI 3.1 document. */
export function createResponseChecker(doc: Json): ResponseChecker {
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  (addFormats as unknown as (a: Ajv2020) => void)(ajv);
  ajv.addSchema({ $id: 'openapi.json', components: doc.components });
  const cache = new Map<string, ValidateFunction>();
  const routes = Object.entries(doc.paths as Record<string, Record<string, Json>>).map(
    ([template, item]) => ({
      regex: new RegExp(`^${template.replace(/[.]/g, '\\.').replace(/\{[^}]+\}/g, '[^/]+')}$`),
      item,
    }),
  );
  const seen = new Map<string, Set<number>>();
  return {
    seen,
    check(method, path, response) {
      const route = routes.find((r) => r.regex.test(path.split('?')[0]!));
      if (!route) return; // the editor's files, or a deliberately unknown path
      const op = route.item[method.toLowerCase()];
      if (!op) return; // 405 for an unsupported method: not an operation
      const id = String(op.operationId);
      if (!seen.has(id)) seen.set(id, new Set());
      seen.get(id)!.add(response.status);
      const documented = (op.responses as Record<string, Json>)[String(response.status)];
      if (!documented)
        throw new Error(
          `${method} ${path} answered ${response.status}, which ${id} does not document: ${response.text.slice(0, 300)}`,
        );
      const content = documented.content as Record<string, { schema: Json }> | undefined;
      if (!content) return;
      const type = (response.headers.get('content-type') ?? '').split(';')[0]!.trim();
      const media = content[type];
      if (!media)
        throw new Error(
          `${method} ${path} answered ${response.status} as ${type}; documented: ${Object.keys(content).join(', ')}`,
        );
      const ref = media.schema.$ref as string | undefined;
      if (!ref) return;
      let validate = cache.get(ref);
      if (!validate) {
        validate = ajv.getSchema(`openapi.json${ref}`)!;
        cache.set(ref, validate);
      }
      if (!validate(response.body))
        throw new Error(
          `${method} ${path} ${response.status}: body does not match ${ref}: ${ajv.errorsText(validate.errors)}\n${response.text.slice(0, 500)}`,
        );
    },
  };
}

/** A client for `baseUrl` that runs every answer through `checker`. */
export function createApiClient(baseUrl: string, checker: ResponseChecker) {
  async function request<T = Body>(
    method: string,
    path: string,
    options: RequestOptions = {},
  ): Promise<ApiResponse<T>> {
    const headers: Record<string, string> = { ...options.headers };
    if (options.key) headers.authorization = `Bearer ${options.key}`;
    let body: string | Uint8Array | undefined = options.body;
    if (options.json !== undefined) {
      body = JSON.stringify(options.json);
      headers['content-type'] ??= 'application/json';
    } else if (options.type) headers['content-type'] = options.type;
    const res = await fetch(baseUrl + path, { method, headers, body });
    const text = await res.text();
    let parsed: unknown = text;
    if (/json/.test(res.headers.get('content-type') ?? '')) parsed = JSON.parse(text);
    const response = { status: res.status, headers: res.headers, body: parsed as T, text };
    checker.check(method, path, response);
    return response;
  }
  return {
    request,
    get: <T = Body>(path: string, key?: string) => request<T>('GET', path, { key }),
    post: <T = Body>(
      path: string,
      key: string | undefined,
      json?: unknown,
      headers?: Record<string, string>,
    ) => request<T>('POST', path, { key, json, headers }),
    patch: <T = Body>(path: string, key: string | undefined, json: unknown) =>
      request<T>('PATCH', path, { key, json }),
    delete: <T = Body>(path: string, key?: string) => request<T>('DELETE', path, { key }),
  };
}

/** The client type. */
export type ApiClient = ReturnType<typeof createApiClient>;

/** Fetch the server's OpenAPI document and build a checked client for it. */
export async function connect(
  baseUrl: string,
): Promise<{ api: ApiClient; doc: Json; checker: ResponseChecker }> {
  const doc = (await (await fetch(`${baseUrl}/api/v1/openapi.json`)).json()) as Json;
  const checker = createResponseChecker(doc);
  return { api: createApiClient(baseUrl, checker), doc, checker };
}

/** Poll `probe` until it returns a truthy value (at most `timeoutMs`). */
export async function eventually<T>(
  probe: () => Promise<T | undefined | false> | T | undefined | false,
  timeoutMs = 5000,
  what = 'condition',
): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}
