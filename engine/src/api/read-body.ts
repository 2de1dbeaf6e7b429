/**
 * Request bodies, read defensively: the media type is checked first (415), the size is counted as
 * bytes arrive (413, without buffering more than the limit), the bytes must be UTF-8 (400), JSON
 * must parse and stay shallow (400), then the body is checked against its JSON Schema (422).
 */
import type { Context } from 'hono';
import { HttpProblem, badRequest } from './http-problem.js';

/** Size limits in bytes. */
export interface BodyLimits {
  /** Any JSON or YAML body (default 1 MB). */
  bodyBytes: number;
  /** Bulk imports (default 20 MB). */
  importBytes: number;
}

/** 1 MB for ordinary bodies, 20 MB for imports. */
export const DEFAULT_BODY_LIMITS: BodyLimits = { bodyBytes: 1_000_000, importBytes: 20_000_000 };

/** Nesting deeper than this is refused: no real request needs it, and it costs stack. */
const MAX_DEPTH = 64;

/** The bare media type of the request (`application/json`), lower-case, or '' if none. */
export function mediaTypeOf(c: Context): string {
  return (c.req.header('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
}

/** Refuse a body whose media type is not one of `accepted`, or that declares a charset other than UTF-8. */
export function checkMediaType(c: Context, accepted: readonly string[]): string {
  const type = mediaTypeOf(c);
  if (!accepted.includes(type))
    throw new HttpProblem(
      415,
      'unsupported-media-type',
      `send the body as ${accepted.join(' or ')}${type ? `, not ${type}` : ' (no Content-Type header was sent)'}`,
    );
  const charset = /;\s*charset="?([^";]+)"?/i.exec(c.req.header('content-type') ?? '')?.[1];
  if (charset && !/^utf-?8$/i.test(charset))
    throw new HttpProblem(
      415,
      'unsupported-charset',
      `send the body as UTF-8, not ${charset} (in Excel: save as "CSV UTF-8")`,
    );
  return type;
}

/** Bytes past the limit read and dropped before answering 413. */
const MAX_DRAIN_BYTES = 64 * 1024 * 1024;

function tooLarge(limit: number, close = false): HttpProblem {
  return new HttpProblem(
    413,
    'content-too-large',
    `the body is larger than ${limit} bytes; send less at once${limit < DEFAULT_BODY_LIMITS.importBytes ? '' : ' (split the import into several files)'}`,
    undefined,
    close ? { connection: 'close' } : undefined,
  );
}

/** The body's bytes as they arrive, refusing more than `limit` in all. */
export async function* readBodyChunks(c: Context, limit: number): AsyncGenerator<Uint8Array> {
  const declared = Number(c.req.header('content-length') ?? NaN);
  if (declared > limit) throw tooLarge(limit);
  const stream = c.req.raw.body;
  if (!stream) return;
  const reader = stream.getReader();
  let total = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return;
      total += value.byteLength;
      if (total > limit) {
        // Read the rest (within a bound) before answering, so the client gets to read the 413
        // and its connection stays usable; past the bound, the connection is closed instead.
        for (let extra = 0; ;) {
          const next = await reader.read();
          if (next.done) throw tooLarge(limit);
          extra += next.value.byteLength;
          if (extra > MAX_DRAIN_BYTES) throw tooLarge(limit, true);
        }
      }
      yield value;
    }
  } finally {
    // Not cancelled: the server drains what is left of the body after answering, so the client
    // reads the answer instead of a broken pipe and the connection can serve the next request.
    reader.releaseLock();
  }
}

/** The whole body as text: at most `limit` bytes of valid UTF-8 (a leading BOM is dropped). */
export async function readBodyText(c: Context, limit: number): Promise<string> {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  let text = '';
  const declared = Number(c.req.header('content-length') ?? NaN);
  if (Number.isSafeInteger(declared) && declared >= 0 && declared <= limit) {
    // A declared length within the limit: the HTTP parser delivers exactly that many bytes, so the
    // body can be read in one piece, without a web stream over the socket (CPU per request).
    const bytes = await c.req.raw.arrayBuffer();
    try {
      text = decoder.decode(bytes);
    } catch (error) {
      if (error instanceof TypeError) throw invalidUtf8();
      throw error;
    }
  } else {
    try {
      for await (const chunk of readBodyChunks(c, limit))
        text += decoder.decode(chunk, { stream: true });
      text += decoder.decode();
    } catch (error) {
      if (error instanceof TypeError) throw invalidUtf8();
      throw error;
    }
  }
  if (text.includes('\u0000'))
    throw badRequest(
      'invalid-string',
      'the body holds a NUL character, which cannot be stored; remove it',
    );
  return text;
}

/** 400 for bytes that are not UTF-8. */
export function invalidUtf8(): HttpProblem {
  return badRequest(
    'invalid-utf8',
    'the body is not valid UTF-8; save the file as UTF-8 (in Excel: "CSV UTF-8") and send it again',
  );
}

/** Parse JSON text, refusing syntax errors and deep nesting with a 400 that says where. */
export function parseJson(text: string): unknown {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw badRequest(
      'malformed-json',
      `the body is not valid JSON: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  if (depthOf(value) > MAX_DEPTH)
    throw badRequest('malformed-json', `the body nests deeper than ${MAX_DEPTH} levels`);
  const bad = unstorableString(value);
  if (bad !== undefined)
    throw badRequest(
      'invalid-string',
      `the text at ${bad || '/'} holds a NUL character or a lone UTF-16 surrogate, which cannot be stored; remove it`,
    );
  return value;
}

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Text PostgreSQL cannot store: a NUL character, or a lone surrogate (not Unicode at all). */
export function isUnstorableText(text: string): boolean {
  return text.includes('\u0000') || LONE_SURROGATE.test(text);
}

/** JSON pointer of the first string or key `isUnstorableText` refuses, or undefined. */
export function unstorableString(root: unknown): string | undefined {
  const stack: [unknown, string][] = [[root, '']];
  while (stack.length > 0) {
    const [value, path] = stack.pop()!;
    if (typeof value === 'string') {
      if (isUnstorableText(value)) return path;
    } else if (value !== null && typeof value === 'object') {
      for (const [key, child] of Object.entries(value)) {
        const at = `${path}/${key.replace(/~/g, '~0').replace(/\//g, '~1')}`;
        if (isUnstorableText(key)) return at;
        stack.push([child, at]);
      }
    }
  }
  return undefined;
}

/** Nesting depth, without recursion. */
function depthOf(root: unknown): number {
  let max = 0;
  const stack: [unknown, number][] = [[root, 1]];
  while (stack.length > 0) {
    const [value, depth] = stack.pop()!;
    if (value === null || typeof value !== 'object') continue;
    if (depth > max) max = depth;
    if (max > MAX_DEPTH) return max;
    for (const child of Object.values(value)) stack.push([child, depth + 1]);
  }
  return max;
}
