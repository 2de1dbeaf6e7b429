/** A small HTTP client for black-box tests: one key, JSON in and out, never throws on a status. */

/** An answer: status, headers, and the body parsed as JSON when it is JSON. */
export interface ApiResponse<T = unknown> {
  status: number;
  headers: Headers;
  contentType: string;
  body: T;
  text: string;
}

/** Request options; `json` is sent as `application/json`, `body` as given. */
export interface ApiRequest {
  json?: unknown;
  body?: string | Uint8Array | undefined;
  headers?: Record<string, string> | undefined;
  timeoutMs?: number | undefined;
}

/** A client bound to a base URL and (optionally) a key. */
export interface ApiClient {
  request<T = unknown>(method: string, path: string, options?: ApiRequest): Promise<ApiResponse<T>>;
  get<T = unknown>(path: string): Promise<ApiResponse<T>>;
  post<T = unknown>(
    path: string,
    json?: unknown,
    headers?: Record<string, string>,
  ): Promise<ApiResponse<T>>;
}

/** A client for `baseUrl` sending `Authorization: Bearer <key>` when a key is given. */
export function createApiClient(baseUrl: string, key?: string): ApiClient {
  const request = async <T>(
    method: string,
    path: string,
    options: ApiRequest = {},
  ): Promise<ApiResponse<T>> => {
    const headers: Record<string, string> = { ...(key ? { authorization: `Bearer ${key}` } : {}) };
    let body: string | Uint8Array | undefined = options.body;
    if (options.json !== undefined) {
      headers['content-type'] = 'application/json';
      body = JSON.stringify(options.json);
    }
    Object.assign(headers, options.headers);
    const response = await fetch(baseUrl + path, {
      method,
      headers,
      body,
      signal: AbortSignal.timeout(options.timeoutMs ?? 30_000),
    });
    const text = await response.text();
    const contentType = response.headers.get('content-type') ?? '';
    let parsed: unknown = text;
    if (/json/.test(contentType)) {
      try {
        parsed = JSON.parse(text);
      } catch {
        parsed = text;
      }
    }
    return {
      status: response.status,
      headers: response.headers,
      contentType,
      body: parsed as T,
      text,
    };
  };
  return {
    request,
    get: (path) => request('GET', path),
    post: (path, json, headers) => request('POST', path, { json, headers }),
  };
}
