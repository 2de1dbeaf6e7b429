/** The rule-change preview: what a parameter change would alter, before it is made. */
import type { ParamsPreviewRequest } from '../../contract/api-types.js';
import type { ApiContext } from '../api-context.js';
import { queryInt, readJson } from '../request-input.js';
import type { IdsOf, RouteTable } from '../route-table.js';
import type { PREVIEW_OPERATIONS } from './preview-operations.js';

/** Affected cases listed when the request does not say (the summary always counts them all). */
const DEFAULT_CASE_LIMIT = 500;

/** Handler of `POST /programmes/{id}/params/preview`. */
export function previewRoutes(ctx: ApiContext): RouteTable<IdsOf<typeof PREVIEW_OPERATIONS>> {
  return {
    async previewParams(c) {
      const id = c.req.param('id') ?? '';
      const limit = queryInt(c, 'limit', 0, 5000) ?? DEFAULT_CASE_LIMIT;
      // Out-of-scope ids answer 404 before the body is even looked at.
      await ctx.store.getProgramme(id, c.var.caller.scope);
      const input = await readJson<ParamsPreviewRequest>(ctx, c, 'previewParams');
      const preview = await ctx.store.previewProgrammeParams(id, input.params, c.var.caller.scope);
      return c.json({
        programmeId: id,
        before: preview.before,
        after: preview.after,
        summary: preview.summary,
        cases: preview.cases.slice(0, limit),
        truncated: preview.cases.length > limit,
      });
    },
  };
}
