/** Reading validated input from a request: JSON bodies by schema, path and query values. */
import type { Context } from 'hono';
import type { ApiContext, ApiEnv } from './api-context.js';
import { loadApiSchemas } from './openapi/api-schemas.js';
import { operation } from './api-operations.js';
import type { OperationId } from './api-operations.js';
import { badRequest } from './http-problem.js';
import { checkMediaType, parseJson, readBodyText } from './read-body.js';

/** The JSON body of operation `opId`, checked against its schema. */
export async function readJson<T>(
  ctx: ApiContext,
  c: Context<ApiEnv>,
  opId: OperationId,
): Promise<T> {
  const spec = operation(opId).body!;
  checkMediaType(c, spec.types);
  const value = parseJson(await readBodyText(c, ctx.limits.bodyBytes));
  return loadApiSchemas().check<T>(spec.schema!, 'request body', value);
}

/** A positive integer path segment, or undefined (the route then answers 404). */
export function positiveInt(text: string | undefined): number | undefined {
  return text !== undefined && /^[1-9][0-9]{0,8}$/.test(text) ? Number(text) : undefined;
}

/** A query value, refusing one given twice or too long. */
export function queryValue(c: Context<ApiEnv>, name: string, maxLength = 200): string | undefined {
  const values = c.req.queries(name);
  if (!values || values.length === 0) return undefined;
  if (values.length > 1)
    throw badRequest('invalid-query', `give '${name}' once, not ${values.length} times`);
  const value = values[0]!;
  if (value.length > maxLength)
    throw badRequest('invalid-query', `'${name}' is longer than ${maxLength} characters`);
  return value;
}

/** An optional integer query value within bounds. */
export function queryInt(
  c: Context<ApiEnv>,
  name: string,
  min: number,
  max: number,
): number | undefined {
  const text = queryValue(c, name, 12);
  if (text === undefined) return undefined;
  const n = Number(text);
  if (!/^-?\d+$/.test(text) || n < min || n > max)
    throw badRequest('invalid-query', `'${name}' must be an integer from ${min} to ${max}`);
  return n;
}

/** An optional boolean query value (`true`/`false`/`1`/`0`). */
export function queryBool(c: Context<ApiEnv>, name: string): boolean {
  const text = queryValue(c, name, 5);
  if (text === undefined || text === 'false' || text === '0') return false;
  if (text === 'true' || text === '1' || text === '') return true;
  throw badRequest('invalid-query', `'${name}' must be true or false`);
}

/** An optional query value from a fixed list. */
export function queryEnum<T extends string>(
  c: Context<ApiEnv>,
  name: string,
  allowed: readonly T[],
): T | undefined {
  const text = queryValue(c, name);
  if (text === undefined) return undefined;
  if (!(allowed as readonly string[]).includes(text))
    throw badRequest('invalid-query', `'${name}' must be one of: ${allowed.join(', ')}`);
  return text as T;
}

/** Where days and times are counted when the request names no `tz`. */
const DEFAULT_TIME_ZONE = 'Asia/Shanghai';

/** The `tz` query value as an IANA time zone (default `Asia/Shanghai`); an unknown one is refused. */
export function queryTimeZone(c: Context<ApiEnv>): string {
  const name = queryValue(c, 'tz', 64);
  if (name === undefined) return DEFAULT_TIME_ZONE;
  try {
    return new Intl.DateTimeFormat('en', { timeZone: name }).resolvedOptions().timeZone;
  } catch {
    throw badRequest(
      'invalid-query',
      `'${name}' is not an IANA time zone; write e.g. Asia/Shanghai`,
    );
  }
}
