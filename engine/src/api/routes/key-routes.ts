/** API keys over HTTP: create (shown once), list, revoke. */
import { NotFoundError } from '../../errors/engine-error.js';
import { inScope } from '../../store/index.js';
import type { ApiKeyRecord } from '../../store/index.js';
import type { KeyCreate } from '../../contract/api-types.js';
import type { ApiContext } from '../api-context.js';
import { forbidden } from '../http-problem.js';
import { readJson } from '../request-input.js';
import type { IdsOf, RouteTable } from '../route-table.js';
import type { KEY_OPERATIONS } from './key-operations.js';

/** Roles only the owner may hand out, or take back. */
const OWNER_GRANTS = new Set(['owner', 'designer', 'admin']);

/** The roles of `roles` only the owner may grant or revoke (in any letter case). */
function ownerOnly(roles: readonly string[]): string[] {
  return roles.filter((role) => OWNER_GRANTS.has(role.toLowerCase()));
}

function toKeyView(k: ApiKeyRecord) {
  return {
    id: k.id,
    label: k.label,
    roles: k.roles,
    district: k.district,
    createdAt: k.createdAt,
    revokedAt: k.revokedAt,
  };
}

/** Handlers of the key operations. */
export function keyRoutes(ctx: ApiContext): RouteTable<IdsOf<typeof KEY_OPERATIONS>> {
  return {
    async createKey(c) {
      const caller = c.var.caller;
      const input = await readJson<KeyCreate>(ctx, c, 'createKey');
      const reserved = ownerOnly(input.roles);
      if (reserved.length > 0 && !caller.owner)
        throw forbidden(`only the owner key may create keys with the roles ${reserved.join(', ')}`);
      if (input.roles.includes('owner'))
        throw forbidden('there is one owner key; it cannot be created over the API');
      if (!inScope(input.district, caller.scope))
        throw new NotFoundError('district', input.district);
      const { record, key } = await ctx.store.createApiKey(input);
      ctx.log.info('api key created', {
        requestId: c.var.requestId,
        keyId: record.id,
        by: caller.keyId,
      });
      return c.json({ ...toKeyView(record), key }, 201);
    },
    async listKeys(c) {
      return c.json({ items: (await ctx.store.listApiKeys(c.var.caller.scope)).map(toKeyView) });
    },
    async revokeKey(c) {
      const caller = c.var.caller;
      const id = c.req.param('id') ?? '';
      // The same rule as creating: a key an admin could not create, it may not revoke.
      if (!caller.owner) {
        const target = await ctx.store.getApiKey(id, caller.scope);
        if (!target) throw new NotFoundError('key', id);
        const reserved = ownerOnly(target.roles);
        if (reserved.length > 0)
          throw forbidden(
            `only the owner key may revoke keys with the roles ${reserved.join(', ')}`,
          );
      }
      const record = await ctx.store.revokeApiKey(id, caller.scope);
      ctx.log.info('api key revoked', {
        requestId: c.var.requestId,
        keyId: record.id,
        by: c.var.caller.keyId,
      });
      return c.json(toKeyView(record));
    },
  };
}
