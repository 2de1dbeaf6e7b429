/** Health, the OpenAPI document and the reference page. */
import type { ApiContext } from '../api-context.js';
import { buildOpenApi } from '../openapi/build-openapi.js';
import { HttpProblem } from '../http-problem.js';
import { renderDocsPage } from '../openapi/render-docs-page.js';
import { queryEnum } from '../request-input.js';
import type { IdsOf, RouteTable } from '../route-table.js';
import type { META_OPERATIONS } from './meta-operations.js';

/** 406 when the client's `Accept` rules out the one media type this answer has. */
function checkAccept(accept: string | undefined, type: string): void {
  if (!accept) return;
  const [major] = type.split('/');
  const ranges = accept.split(',').map((r) => r.split(';')[0]!.trim().toLowerCase());
  if (ranges.some((r) => r === type || r === '*/*' || r === `${major}/*` || r === '')) return;
  throw new HttpProblem(406, 'not-acceptable', `this answer is ${type}; send Accept: ${type}`);
}

/** Handlers of the meta operations; the document and page are built once. */
export function metaRoutes(ctx: ApiContext): RouteTable<IdsOf<typeof META_OPERATIONS>> {
  const document = buildOpenApi(ctx.version);
  // The reference page in Chinese (the default) and in English (`?lang=en`).
  const pages = { zh: renderDocsPage(document, 'zh'), en: renderDocsPage(document, 'en') };
  return {
    async getHealth(c) {
      checkAccept(c.req.header('accept'), 'application/json');
      try {
        await ctx.store.pingDatabase();
      } catch {
        throw new HttpProblem(
          503,
          'database-unavailable',
          `the ${ctx.database} database does not answer`,
        );
      }
      return c.json({ status: 'ok', database: ctx.database, version: ctx.version });
    },
    getOpenApi(c) {
      checkAccept(c.req.header('accept'), 'application/json');
      c.header('cache-control', 'no-cache');
      return c.json(document);
    },
    getDocs(c) {
      checkAccept(c.req.header('accept'), 'text/html');
      c.header('content-security-policy', "default-src 'none'; style-src 'unsafe-inline'");
      return c.html(pages[queryEnum(c, 'lang', ['zh', 'en'] as const) ?? 'zh']);
    },
  };
}
