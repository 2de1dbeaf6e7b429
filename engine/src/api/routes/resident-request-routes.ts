/**
 * A resident's request, served by an admin: a copy of one case (JSON or a printable page; each
 * copy is recorded in the access log), and the erasure of its personal data.
 */
import type { Context } from 'hono';
import type { CaseErasureRequest } from '../../contract/api-types.js';
import { toCasePrintout } from '../../export/case-printout.js';
import type { ApiContext, ApiEnv } from '../api-context.js';
import { caseReaderOf } from '../caller.js';
import { queryEnum, queryTimeZone, readJson } from '../request-input.js';
import type { IdsOf, RouteTable } from '../route-table.js';
import type { RESIDENT_REQUEST_OPERATIONS } from './resident-request-operations.js';

/** `case-<ref or id>-<yyyymmdd>.<ext>`, safe as a file name on any system. */
function fileName(ref: string | null, id: string, at: string, ext: string): string {
  const base = (ref ?? id).replace(/[^A-Za-z0-9._-]+/g, '_').slice(0, 60) || id;
  return `case-${base}-${at.slice(0, 10).replaceAll('-', '')}.${ext}`;
}

function attachment(c: Context<ApiEnv>, name: string) {
  c.header('content-disposition', `attachment; filename="${name}"`);
  // A personal copy: no shared cache keeps it.
  c.header('cache-control', 'no-store');
}

/** Handlers of a resident's request. */
export function residentRequestRoutes(
  ctx: ApiContext,
): RouteTable<IdsOf<typeof RESIDENT_REQUEST_OPERATIONS>> {
  const exportOf = async (c: Context<ApiEnv>, via: 'exportCase' | 'printCase') => {
    const caller = c.var.caller;
    const copy = await ctx.store.caseExport(c.req.param('id') ?? '', {
      scope: caller.scope,
      exportedBy: caller.actorId,
    });
    await ctx.store.recordCaseReads([copy.case.id], caseReaderOf(caller), via);
    return copy;
  };
  return {
    async exportCase(c) {
      const copy = await exportOf(c, 'exportCase');
      attachment(c, fileName(copy.case.ref, copy.case.id, copy.exportedAt, 'json'));
      return c.json(copy);
    },
    async printCase(c) {
      const lang = queryEnum(c, 'lang', ['zh', 'en'] as const) ?? 'zh';
      const timeZone = queryTimeZone(c);
      const copy = await exportOf(c, 'printCase');
      attachment(c, fileName(copy.case.ref, copy.case.id, copy.exportedAt, 'html'));
      return c.html(toCasePrintout(copy, lang, timeZone));
    },
    async eraseCase(c) {
      const input = await readJson<CaseErasureRequest>(ctx, c, 'eraseCase');
      const caller = c.var.caller;
      const erasure = await ctx.store.erasePersonalData(c.req.param('id') ?? '', {
        actorId: caller.actorId,
        scope: caller.scope,
        note: input.note.trim(),
      });
      return c.json({ ...erasure, reason: 'request' as const });
    },
  };
}
