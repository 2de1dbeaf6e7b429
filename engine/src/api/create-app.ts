/**
 * The Hono app: request ids, JSON request logs, authentication, per-operation access from the
 * operation table, the routes, the editor's files, and the ONE error handler that turns every
 * failure into problem+json.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { serveStatic } from '@hono/node-server/serve-static';
import { Hono } from 'hono';
import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { webAppCsp } from './web-app-csp.js';
import type { ApiContext, ApiEnv } from './api-context.js';
import { apiHeaders } from './api-headers.js';
import { API_OPERATIONS } from './api-operations.js';
import type { OperationSpec } from './api-operations.js';
import { authenticate } from './authenticate.js';
import { accessLogRoutes } from './routes/access-log-routes.js';
import { backupRoutes } from './routes/backup-routes.js';
import { residentRequestRoutes } from './routes/resident-request-routes.js';
import { caseRoutes } from './routes/case-routes.js';
import { HttpProblem } from './http-problem.js';
import { keyRoutes } from './routes/key-routes.js';
import { metaRoutes } from './routes/meta-routes.js';
import { personRoutes } from './routes/person-routes.js';
import { previewRoutes } from './routes/preview-routes.js';
import { programmeRoutes } from './routes/programme-routes.js';
import type { RouteHandler, RouteTable } from './route-table.js';
import { sessionRoutes } from './routes/session-routes.js';
import { templateRoutes } from './routes/template-routes.js';
import { PROBLEM_JSON, toProblem } from './to-problem.js';
import { webhookRoutes } from './routes/webhook-routes.js';
import { pushRoutes } from './routes/push-routes.js';
import { workRoutes } from './routes/work-routes.js';

/** `/api/v1/cases/{id}` → `/api/v1/cases/:id`. */
const toHonoPath = (path: string) => path.replace(/\{([^}]+)\}/g, ':$1');

/** Paths with their operations' methods, to answer 405 with `Allow` for a known path. */
const PATH_PATTERNS = API_OPERATIONS.map((op) => ({
  regex: new RegExp(`^${op.path.replace(/[.]/g, '\\.').replace(/\{[^}]+\}/g, '[^/]+')}$`),
  method: op.method.toUpperCase(),
}));

function guarded(ctx: ApiContext, op: OperationSpec, handler: RouteHandler): RouteHandler {
  return async (c) => {
    if (op.access !== 'public') await authenticate(ctx, c, op);
    return handler(c);
  };
}

/** Build the app over an API context; every operation of the table has a handler (checked by `tsc`). */
export function createApp(ctx: ApiContext): Hono<ApiEnv> {
  const app = new Hono<ApiEnv>();
  // `satisfies`: an operation of the table without a handler does not compile.
  const handlers = {
    ...metaRoutes(ctx),
    ...backupRoutes(ctx),
    ...templateRoutes(ctx),
    ...programmeRoutes(ctx),
    ...caseRoutes(ctx),
    ...workRoutes(ctx),
    ...pushRoutes(ctx),
    ...accessLogRoutes(ctx),
    ...residentRequestRoutes(ctx),
    ...webhookRoutes(ctx),
    ...keyRoutes(ctx),
    ...sessionRoutes(ctx),
    ...personRoutes(ctx),
    ...previewRoutes(ctx),
  } satisfies RouteTable;

  // The request id, and nosniff, no framing by other sites, no referrer on every answer.
  app.use('*', apiHeaders());
  app.use('*', async (c, next) => {
    const started = performance.now();
    await next();
    // `c.get`, not `c.var`: every read of `c.var` copies all the request's variables.
    const caller = c.get('caller');
    // Only the route pattern and ids: never a query string, a body or a name.
    ctx.log.info('request', {
      requestId: c.get('requestId'),
      method: c.req.method,
      route: c.req.routePath,
      status: c.res.status,
      ms: Math.round(performance.now() - started),
      key: caller?.keyId,
      person: caller?.person?.id,
    });
  });

  for (const op of API_OPERATIONS)
    app.on(op.method.toUpperCase(), toHonoPath(op.path), guarded(ctx, op, handlers[op.id]));

  app.all('/api/*', (c) => {
    const allowed = PATH_PATTERNS.filter((p) => p.regex.test(c.req.path)).map((p) => p.method);
    if (allowed.length > 0)
      throw new HttpProblem(
        405,
        'method-not-allowed',
        `${c.req.method} is not supported here; use ${allowed.join(', ')}`,
        undefined,
        { allow: allowed.join(', ') },
      );
    throw new HttpProblem(404, 'no-route', `there is no API endpoint ${c.req.path}; see /api/docs`);
  });

  if (ctx.editorDir && existsSync(join(ctx.editorDir, 'index.html'))) {
    const root = ctx.editorDir;
    const index = readFileSync(join(root, 'index.html'), 'utf8');
    app.use('*', async (c, next) => {
      await next();
      c.header('content-security-policy', webAppCsp(c.req.path));
    });
    app.use('*', serveStatic({ root }));
    // Client-side routes of the editor all load its index page.
    app.get('*', (c) => c.html(index));
  }

  app.notFound((c) =>
    problemResponse(ctx, c, new HttpProblem(404, 'no-route', `nothing is served at ${c.req.path}`)),
  );
  app.onError((error, c) => problemResponse(ctx, c, error));
  return app;
}

function problemResponse(ctx: ApiContext, c: Context<ApiEnv>, error: unknown): Response {
  const { body, headers, unexpected } = toProblem(error);
  body.instance = c.req.path;
  body.requestId = c.var.requestId;
  if (unexpected) {
    const e = error instanceof Error ? error : new Error(String(error));
    ctx.log.error('request failed', {
      requestId: c.var.requestId,
      route: c.req.routePath,
      error: e.name,
      stack: e.stack?.split('\n').slice(0, 8).join(' | '),
    });
  }
  // Through the context, so headers set before the failure (the request id) are kept.
  return c.body(JSON.stringify(body), body.status as ContentfulStatusCode, {
    ...headers,
    'content-type': PROBLEM_JSON,
  });
}
