/**
 * The OpenAPI 3.1 document, built from the operation table and the JSON Schemas in `schemas/`
 * (the same schemas that validate requests). Schema files become components; their `$ref`s to
 * each other and to the template schema become component references.
 */
import { API_OPERATIONS } from '../api-operations.js';
import type { OperationSpec } from '../api-operations.js';
import { loadApiSchemas } from './api-schemas.js';
import type { SchemaDocument } from './api-schemas.js';

type Json = Record<string, unknown>;

/** `case-detail` → `CaseDetail`. */
export function componentName(schemaName: string): string {
  return schemaName.replace(/(^|-)([a-z])/g, (_m, _dash, ch: string) => ch.toUpperCase());
}

/** Keywords whose values are data, not schemas. */
const DATA_KEYWORDS = new Set(['const', 'default', 'enum', 'examples', 'example']);

/**
 * A free-form object (`params`, `data`, `payload`, …): an object schema that names no properties.
 * JSON Schema allows any members there already, but generators read a missing
 * `additionalProperties` as "none" (`openapi-typescript` gives `Record<string, never>`), so the
 * document says it.
 */
function isFreeForm(schema: Json): boolean {
  const types = Array.isArray(schema.type) ? (schema.type as unknown[]) : [schema.type];
  return (
    types.includes('object') &&
    !('properties' in schema) &&
    !('patternProperties' in schema) &&
    !('additionalProperties' in schema)
  );
}

/**
 * A copy of a schema with `$id`/`$schema` dropped, every `$ref` rewritten by `mapRef`, and
 * free-form objects marked `additionalProperties: true`.
 */
function rewrite(node: unknown, mapRef: (ref: string) => string): unknown {
  if (Array.isArray(node)) return node.map((item) => rewrite(item, mapRef));
  if (node === null || typeof node !== 'object') return node;
  const out: Json = {};
  for (const [key, value] of Object.entries(node)) {
    if (key === '$id' || key === '$schema' || key === '$defs') continue;
    out[key] =
      key === '$ref' && typeof value === 'string'
        ? mapRef(value)
        : DATA_KEYWORDS.has(key)
          ? value
          : rewrite(value, mapRef);
  }
  if (isFreeForm(out)) out.additionalProperties = true;
  return out;
}

function apiRef(ref: string): string {
  if (ref === '../template.schema.json') return '#/components/schemas/Template';
  const file = /^([a-z0-9-]+)\.schema\.json$/.exec(ref);
  if (!file) throw new Error(`unexpected $ref '${ref}' in schemas/api`);
  return `#/components/schemas/${componentName(file[1]!)}`;
}

function templateRef(ref: string): string {
  const def = /^#\/\$defs\/([A-Za-z0-9]+)$/.exec(ref);
  if (!def) throw new Error(`unexpected $ref '${ref}' in the template schema`);
  return `#/components/schemas/Template.${def[1]}`;
}

function components(): Json {
  const { byName, template } = loadApiSchemas();
  const schemas: Json = {};
  for (const [name, schema] of byName) schemas[componentName(name)] = rewrite(schema, apiRef);
  schemas.Template = rewrite(template, templateRef);
  const defs = (template as SchemaDocument & { $defs?: Json }).$defs ?? {};
  for (const [name, def] of Object.entries(defs))
    schemas[`Template.${name}`] = rewrite(def, templateRef);
  return schemas;
}

const problem = (description: string): Json => ({
  description,
  content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } },
});

/** What each refusal status means on every operation (the reference page words them in Chinese too). */
export const PROBLEM_DESCRIPTIONS: Record<number, string> = {
  400: 'Malformed request: JSON or CSV syntax, invalid UTF-8, a bad header or query value.',
  401: 'No API key or session cookie, or an unknown, revoked or expired one.',
  403: 'Your key or person holds none of the roles this needs, or a request made with the session cookie lacks `X-CSRF-Token`.',
  404: "No such resource in your districts (another district's resources answer 404 too).",
  406: 'The `Accept` header rules out the media type of this answer.',
  409: 'Conflict with the current state (see `type`).',
  412: 'A precondition failed: the `If-Match` ETag is stale (someone else changed it first).',
  428: 'A precondition is required: send the `ETag` you read in `If-Match`.',
  413: 'The body is over the size limit (1 MB; 20 MB for imports).',
  415: 'Unsupported media type or charset.',
  422: 'The content is invalid: `errors` lists the fields or template findings.',
  429: 'Too many failed attempts: wait the seconds in `Retry-After`.',
  500: 'The server failed; quote `requestId`.',
  503: 'The database cannot be reached.',
};

function bodyContent(op: OperationSpec): Json {
  const content: Json = {};
  for (const type of op.body!.types) {
    const json = type === 'application/json' || type.endsWith('+json');
    content[type] = {
      schema:
        json && op.body!.schema
          ? { $ref: `#/components/schemas/${componentName(op.body!.schema)}` }
          : { type: 'string' },
    };
  }
  return content;
}

function toOperation(op: OperationSpec): Json {
  const pathParams = [...op.path.matchAll(/\{([^}]+)\}/g)].map((m) => ({
    name: m[1],
    in: 'path',
    required: true,
    description: m[1] === 'v' ? 'Template version.' : 'Identifier.',
    schema: m[1] === 'v' ? { type: 'integer', minimum: 1 } : { type: 'string' },
  }));
  const access =
    op.access === 'public'
      ? 'No key needed.'
      : op.access === 'any'
        ? 'Any valid key or session.'
        : op.access === 'session'
          ? 'A person signed in with the session cookie (keys do not count).'
          : `Roles: ${op.access.join(', ')} (\`worker\`: a key or person holding a programme role).`;
  const success: Json = {
    description: op.summary,
    ...(op.success.status === 204
      ? {}
      : op.success.schema
        ? {
            content: {
              'application/json': {
                schema: { $ref: `#/components/schemas/${componentName(op.success.schema)}` },
              },
            },
          }
        : {
            content: {
              [op.success.contentType ?? 'application/json']: {
                schema:
                  op.success.contentType === 'text/html'
                    ? { type: 'string' }
                    : op.success.contentType === 'application/gzip'
                      ? { type: 'string', contentMediaType: 'application/gzip' }
                      : { type: 'object', additionalProperties: true },
              },
            },
          }),
  };
  const statuses = new Set<number>([...op.problems, 500]);
  if (op.access !== 'public') statuses.add(401);
  // Too many unknown keys from one address.
  if (op.access !== 'public' && op.access !== 'session') statuses.add(429);
  // A request made with the session cookie but without its CSRF token is refused.
  if (op.access !== 'public' && op.method !== 'get') statuses.add(403);
  if (op.access !== 'public' || op.body || op.parameters) statuses.add(400);
  const responses: Json = { [String(op.success.status)]: success };
  for (const status of [...statuses].sort())
    responses[String(status)] = problem(PROBLEM_DESCRIPTIONS[status]!);
  return {
    operationId: op.id,
    tags: [op.tag],
    summary: op.summary,
    description: `${op.description ? op.description + '\n\n' : ''}${access}`,
    'x-relief-access': op.access,
    ...(op.access === 'public'
      ? { security: [] }
      : op.access === 'session'
        ? { security: [{ session: [] }] }
        : {}),
    parameters: [
      ...pathParams,
      ...(op.parameters ?? []).map((p) => ({ ...p, required: p.required ?? false })),
    ],
    ...(op.body ? { requestBody: { required: true, content: bodyContent(op) } } : {}),
    responses,
  };
}

/** The OpenAPI 3.1 document of this server. */
export function buildOpenApi(version: string): Json {
  const paths: Record<string, Json> = {};
  for (const op of API_OPERATIONS) (paths[op.path] ??= {})[op.method] = toOperation(op);
  return {
    openapi: '3.1.0',
    info: {
      title: 'Relief engine API',
      version,
      summary:
        'Templates, programmes, cases, events, worklists and webhooks of community relief programmes.',
      description:
        "Every request but `health`, this document, `/api/docs` and signing in carries `Authorization: Bearer <key>`, or the `relief_session` cookie of a person signed in (then POST, PATCH and DELETE also carry `X-CSRF-Token`). A key or person has roles (`designer`, `admin`, `auditor`, `integrator`, or programme roles such as `committee`) and a district scope such as `sh/putuo`, which covers `sh/putuo/changzheng`; other districts' programmes and cases answer 404. Errors are RFC 9457 `application/problem+json` with a stable `type`.",
      license: { name: 'MIT', identifier: 'MIT' },
    },
    servers: [{ url: '/', description: 'This server' }],
    security: [{ bearer: [] }, { session: [] }],
    tags: [
      { name: 'meta', description: 'Health and this documentation.' },
      {
        name: 'templates',
        description:
          'Programme templates: YAML sources, validation, drafts and published versions.',
      },
      { name: 'programmes', description: 'Templates started for a district with parameters.' },
      { name: 'cases', description: 'Beneficiaries and requests moving through a programme.' },
      { name: 'work', description: 'What waits on the caller.' },
      {
        name: 'access',
        description: 'The access log: every read of case data by a person or a key, for auditors.',
      },
      {
        name: 'residents',
        description:
          "A resident's request about their own data, served by an admin: a copy of one case, and the erasure of its personal data.",
      },
      {
        name: 'webhooks',
        description: 'Emitted events delivered to integrators, signed with HMAC-SHA256.',
      },
      { name: 'keys', description: 'API keys.' },
      {
        name: 'people',
        description:
          'People who sign in to the web app (admins, cadres, volunteers), and their sessions.',
      },
    ],
    paths,
    webhooks: {
      emittedEvent: {
        post: {
          operationId: 'receiveEmittedEvent',
          summary: 'An event emitted by a template action (`emit: meal.delivered`)',
          description:
            'POSTed to each subscribed URL. Answer 2xx within 10 s; anything else is retried with exponential backoff. The same `deliveryId` comes back on every retry.',
          security: [],
          parameters: [
            {
              name: 'Relief-Signature',
              in: 'header',
              required: true,
              description:
                '`t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<raw body>">` with the webhook secret.',
              schema: { type: 'string' },
            },
            {
              name: 'Relief-Event',
              in: 'header',
              required: true,
              description: 'The event name.',
              schema: { type: 'string' },
            },
            {
              name: 'Relief-Delivery',
              in: 'header',
              required: true,
              description: 'The delivery id.',
              schema: { type: 'string' },
            },
          ],
          requestBody: {
            required: true,
            content: {
              'application/json': { schema: { $ref: '#/components/schemas/WebhookEvent' } },
            },
          },
          responses: { '200': { description: 'Received.' } },
        },
      },
    },
    components: {
      securitySchemes: {
        bearer: { type: 'http', scheme: 'bearer', description: 'An API key: `rk_…`.' },
        session: {
          type: 'apiKey',
          in: 'cookie',
          name: 'relief_session',
          description:
            'The cookie set by `POST /api/v1/session`. Unsafe methods (POST, PATCH, DELETE) made with it must also send `X-CSRF-Token`.',
        },
      },
      schemas: components(),
    },
  };
}
