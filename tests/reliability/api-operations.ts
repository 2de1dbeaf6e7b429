/** The server's operations as its OpenAPI document lists them: every endpoint, to test them all. */
import type { ApiClient } from './api-client.js';

/** One operation: method, path template, accepted body types and parameters. */
export interface Operation {
  method: string;
  path: string;
  bodyTypes: string[];
  query: string[];
  pathParams: string[];
}

interface OpenApiOperation {
  responses?: unknown;
  requestBody?: { content?: Record<string, unknown> };
  parameters?: { name: string; in: string }[];
}

/** Read `/api/v1/openapi.json` and list its operations. */
export async function loadOperations(client: ApiClient): Promise<Operation[]> {
  const doc = await client.get<{ paths: Record<string, Record<string, OpenApiOperation>> }>(
    '/api/v1/openapi.json',
  );
  if (doc.status !== 200) throw new Error(`openapi.json: ${doc.status}`);
  const operations: Operation[] = [];
  for (const [path, methods] of Object.entries(doc.body.paths))
    for (const [method, op] of Object.entries(methods)) {
      if (typeof op !== 'object' || !op.responses) continue;
      const params = op.parameters ?? [];
      operations.push({
        method: method.toUpperCase(),
        path,
        bodyTypes: Object.keys(op.requestBody?.content ?? {}),
        query: params.filter((p) => p.in === 'query').map((p) => p.name),
        pathParams: params.filter((p) => p.in === 'path').map((p) => p.name),
      });
    }
  return operations;
}

/** The path with its `{params}` replaced, each percent-encoded byte by byte (any string goes). */
export function fillPath(path: string, values: Record<string, string>): string {
  return path.replace(/\{(\w+)\}/g, (_, name: string) => percentEncode(values[name] ?? 'x'));
}

/** Like `encodeURIComponent`, but a lone surrogate becomes U+FFFD instead of throwing. */
function percentEncode(value: string): string {
  return [...Buffer.from(value, 'utf8')]
    .map((b) =>
      /[A-Za-z0-9_.~-]/.test(String.fromCharCode(b))
        ? String.fromCharCode(b)
        : `%${b.toString(16).toUpperCase().padStart(2, '0')}`,
    )
    .join('');
}
