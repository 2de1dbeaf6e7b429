/**
 * People of a district over HTTP. The same rules as keys: a person outside the caller's districts
 * answers 404; a caller grants only roles it holds (the owner key any) and districts within its
 * own, and changes only people who hold no role it lacks.
 */
import { NotFoundError } from '../../errors/engine-error.js';
import { inScope } from '../../store/index.js';
import type { PersonRecord } from '../../store/index.js';
import type { PasswordReset, PersonCreate, PersonPatch } from '../../contract/api-types.js';
import type { ApiContext } from '../api-context.js';
import { rolesNotHeld, toStoreCaller } from '../caller.js';
import type { Caller } from '../caller.js';
import { forbidden } from '../http-problem.js';
import { queryInt, queryValue, readJson } from '../request-input.js';
import type { IdsOf, RouteTable } from '../route-table.js';
import type { PERSON_OPERATIONS } from './person-operations.js';
import { toPersonView } from './session-routes.js';

function checkGrant(caller: Caller, roles: readonly string[]): void {
  const lacking = rolesNotHeld(caller, roles);
  if (lacking.length > 0)
    throw forbidden(`you may grant only roles you hold yourself; not: ${lacking.join(', ')}`);
}

function checkMayManage(caller: Caller, person: PersonRecord): void {
  const lacking = rolesNotHeld(caller, person.roles);
  if (lacking.length > 0)
    throw forbidden(
      `this person holds roles you do not (${lacking.join(', ')}); ask someone who holds them`,
    );
}

/** Handlers of the people operations. */
export function personRoutes(ctx: ApiContext): RouteTable<IdsOf<typeof PERSON_OPERATIONS>> {
  return {
    async listPeople(c) {
      const district = queryValue(c, 'district');
      const page = await ctx.store.listPeople({
        scope: c.var.caller.scope,
        district,
        role: queryValue(c, 'role', 64),
        text: queryValue(c, 'text', 100),
        cursor: queryValue(c, 'cursor', 500),
        limit: queryInt(c, 'limit', 1, 500),
      });
      return c.json({ items: page.items.map(toPersonView), nextCursor: page.nextCursor });
    },
    async createPerson(c) {
      const caller = c.var.caller;
      const input = await readJson<PersonCreate>(ctx, c, 'createPerson');
      if (!inScope(input.district, caller.scope))
        throw new NotFoundError('district', input.district);
      checkGrant(caller, input.roles);
      const person = await ctx.store.createPerson(input, toStoreCaller(caller));
      ctx.log.info('person created', {
        requestId: c.var.requestId,
        person: person.id,
        by: caller.actorId,
      });
      c.header('location', `/api/v1/people/${person.id}`);
      return c.json(toPersonView(person), 201);
    },
    async getPerson(c) {
      const person = await ctx.store.getPerson(c.req.param('id') ?? '', c.var.caller.scope);
      return c.json(toPersonView(person));
    },
    async changePerson(c) {
      const caller = c.var.caller;
      const id = c.req.param('id') ?? '';
      // Out-of-scope ids answer 404 before the body is even looked at.
      await ctx.store.getPerson(id, caller.scope);
      const change = await readJson<PersonPatch>(ctx, c, 'changePerson');
      const person = await ctx.store.updatePerson(
        id,
        change,
        toStoreCaller(caller),
        (before, after) => {
          checkMayManage(caller, before);
          if (change.roles) checkGrant(caller, after.roles);
        },
      );
      ctx.log.info('person changed', {
        requestId: c.var.requestId,
        person: id,
        by: caller.actorId,
      });
      return c.json(toPersonView(person));
    },
    async resetPassword(c) {
      const caller = c.var.caller;
      const id = c.req.param('id') ?? '';
      await ctx.store.getPerson(id, caller.scope);
      const input = await readJson<PasswordReset>(ctx, c, 'resetPassword');
      await ctx.store.setPassword(id, input.password, toStoreCaller(caller), (person) =>
        checkMayManage(caller, person),
      );
      ctx.log.info('password reset', {
        requestId: c.var.requestId,
        person: id,
        by: caller.actorId,
      });
      return c.body(null, 204);
    },
  };
}
