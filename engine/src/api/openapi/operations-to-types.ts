/**
 * The operation contract for clients, from the operation table: each operation's method and path
 * (`API_ROUTES`, plain data a browser can import) and what it takes and answers (`ApiOperations`,
 * in the body types of `api-types.ts`). `api-operations.ts` in `contract/` is this function's
 * output, kept current by `api-types.test.ts`, so a client typed by it follows every change of
 * the table or the schemas.
 */
import type { OperationSpec } from '../operation-spec.js';
import { componentName } from './build-openapi.js';
import { toType } from './schemas-to-types.js';

const literal = (value: unknown) => JSON.stringify(value);
const key = (name: string) => (/^[A-Za-z_$][\w$]*$/.test(name) ? name : literal(name));
const isJson = (type: string) => type === 'application/json' || type.endsWith('+json');

function objectOf(fields: { name: string; type: string; required: boolean }[]): string {
  return `{ ${fields.map((f) => `${key(f.name)}${f.required ? '' : '?'}: ${f.type};`).join(' ')} }`;
}

function inputOf(op: OperationSpec, types: Set<string>): string {
  const parts: string[] = [];
  const pathNames = [...op.path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]!);
  if (pathNames.length)
    parts.push(
      `path: ${objectOf(pathNames.map((name) => ({ name, type: name === 'v' ? 'number' : 'string', required: true })))};`,
    );
  for (const place of ['query', 'header'] as const) {
    const params = (op.parameters ?? []).filter((p) => p.in === place);
    if (!params.length) continue;
    const required = params.some((p) => p.required);
    const fields = params.map((p) => ({
      name: p.name,
      type: toType(p.schema, ''),
      required: p.required ?? false,
    }));
    parts.push(
      `${place === 'query' ? 'query' : 'headers'}${required ? '' : '?'}: ${objectOf(fields)};`,
    );
  }
  if (op.body) {
    const alternatives = new Set<string>();
    for (const type of op.body.types) {
      if (isJson(type) && op.body.schema) {
        const name = componentName(op.body.schema);
        types.add(name);
        alternatives.add(name);
      } else alternatives.add('string');
    }
    parts.push(`body: ${[...alternatives].join(' | ')};`);
    // A string body goes with its media type; the first non-JSON one is the default.
    if (alternatives.has('string'))
      parts.push(`contentType?: ${op.body.types.map(literal).join(' | ')};`);
  }
  return parts.length ? `{ ${parts.join(' ')} }` : 'Record<never, never>';
}

function responseOf(op: OperationSpec, types: Set<string>): string {
  if (op.success.status === 204) return 'undefined';
  if (op.success.schema) {
    const name = componentName(op.success.schema);
    types.add(name);
    return name;
  }
  return op.success.contentType === 'text/html' || op.success.contentType === 'application/gzip'
    ? 'string'
    : 'Record<string, unknown>';
}

/** The whole `contract/api-operations.ts` for this operation table. */
export function operationsToTypes(operations: readonly OperationSpec[]): string {
  const types = new Set<string>();
  const routes = operations.map((op) => {
    const bodyTypes = op.body ? op.body.types.map(literal).join(', ') : '';
    return `  ${op.id}: { method: ${literal(op.method)}, path: ${literal(op.path)}, bodyTypes: [${bodyTypes}] },`;
  });
  const entries = operations.map(
    (op) =>
      `  /** ${op.method.toUpperCase()} ${op.path}: ${op.summary.replace(/\*\//g, '*\\/')} */\n` +
      `  ${op.id}: { input: ${inputOf(op, types)}; response: ${responseOf(op, types)} };`,
  );
  return [
    '/**',
    " * The API's operations by id, generated from the operation table (`engine/src/api/api-operations.ts`)",
    ' * by `operations-to-types.ts`. Do not edit: change the table or the schema, then run',
    ' * `UPDATE_API_TYPES=1 pnpm exec vitest run engine/src/api/openapi/api-types.test.ts`.',
    ' */',
    `import type { ${[...types].sort().join(', ')} } from './api-types.js';`,
    '',
    '/** Method, path and request media types of every operation. */',
    'export const API_ROUTES = {',
    ...routes,
    '} as const;',
    '',
    '/** What every operation takes (path, query, headers, body) and answers on success. */',
    'export interface ApiOperations {',
    ...entries,
    '}',
    '',
    '/** The id of an operation (`operationId` in the OpenAPI document). */',
    'export type ApiOperationId = keyof ApiOperations;',
    '',
  ].join('\n');
}
