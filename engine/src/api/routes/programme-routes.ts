/** Programmes: start, list, read, change parameters or status, statistics. */
import { inScope } from '../../store/index.js';
import type { ProgrammeRecord, ProgrammeStatus } from '../../store/index.js';
import type {
  ProgrammeCreate,
  ProgrammeMigrate,
  ProgrammePatch,
} from '../../contract/api-types.js';
import type { ApiContext } from '../api-context.js';
import { toStoreCaller } from '../caller.js';
import { queryEnum, queryTimeZone, queryValue, readJson } from '../request-input.js';
import type { IdsOf, RouteTable } from '../route-table.js';
import type { PROGRAMME_OPERATIONS } from './programme-operations.js';

/** Days in statistics are counted in the offices' own time zone unless asked otherwise. */

/** A programme as the API shows it. */
export function toProgrammeView(p: ProgrammeRecord) {
  return {
    id: p.id,
    template: p.templateId,
    version: p.templateVersion,
    district: p.district,
    title: p.title,
    params: p.params,
    status: p.status,
    createdBy: p.createdBy,
    createdAt: p.createdAt,
    updatedAt: p.updatedAt,
  };
}

/** Handlers of the programme operations. */
export function programmeRoutes(ctx: ApiContext): RouteTable<IdsOf<typeof PROGRAMME_OPERATIONS>> {
  return {
    async startProgramme(c) {
      const input = await readJson<ProgrammeCreate>(ctx, c, 'startProgramme');
      const programme = await ctx.store.startProgramme(input, toStoreCaller(c.var.caller));
      c.header('location', `/api/v1/programmes/${programme.id}`);
      return c.json(toProgrammeView(programme), 201);
    },
    async listProgrammes(c) {
      const district = queryValue(c, 'district');
      const programmes = await ctx.store.listProgrammes({
        scope: c.var.caller.scope,
        templateId: queryValue(c, 'template'),
        status: queryEnum<ProgrammeStatus>(c, 'status', ['active', 'paused', 'closed']),
      });
      const items = programmes.filter(
        (p) => district === undefined || inScope(p.district, district),
      );
      return c.json({ items: items.map(toProgrammeView), nextCursor: null });
    },
    async getProgramme(c) {
      const id = c.req.param('id') ?? '';
      const scope = c.var.caller.scope;
      const programme = await ctx.store.getProgramme(id, scope);
      const [ledgers, changes] = await Promise.all([
        ctx.store.ledgerBalances(id, scope),
        ctx.store.listProgrammeChanges(id, scope),
      ]);
      return c.json({ ...toProgrammeView(programme), ledgers, changes });
    },
    async changeProgramme(c) {
      const id = c.req.param('id') ?? '';
      const caller = toStoreCaller(c.var.caller);
      // Out-of-scope ids answer 404 before the body is even looked at.
      await ctx.store.getProgramme(id, caller.scope);
      const change = await readJson<ProgrammePatch>(ctx, c, 'changeProgramme');
      return c.json(toProgrammeView(await ctx.store.changeProgramme(id, change, caller)));
    },
    async migrateProgramme(c) {
      const id = c.req.param('id') ?? '';
      const caller = toStoreCaller(c.var.caller);
      await ctx.store.getProgramme(id, caller.scope);
      const input = await readJson<ProgrammeMigrate>(ctx, c, 'migrateProgramme');
      return c.json(await ctx.store.migrateProgramme(id, input, caller));
    },
    async getProgrammeStats(c) {
      const id = c.req.param('id') ?? '';
      const tz = queryTimeZone(c);
      const stats = await ctx.store.programmeStats(id, {
        scope: c.var.caller.scope,
        timeZone: tz,
      });
      return c.json({ programmeId: id, timeZone: tz, ...stats });
    },
  };
}
