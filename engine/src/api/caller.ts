/** The authenticated caller of a request: the key's roles and district scope. */
import type { ApiKeyRecord } from '../store/api-key-repository.js';
import type { Caller as StoreCaller } from '../store/store-context.js';
import { SYSTEM_ROLES } from './api-operations.js';
import type { Access, SystemRole } from './api-operations.js';

/** Who is calling. */
export interface Caller {
  keyId: string;
  /** Every role of the key as stored (`owner`, system roles and programme roles). */
  roles: readonly string[];
  /** System roles held (the owner holds all of them). */
  system: ReadonlySet<SystemRole>;
  /** Programme roles held (`committee`, `courier`, …): what the engine checks events against. */
  programmeRoles: readonly string[];
  owner: boolean;
  /** District scope; undefined sees every district. */
  scope: string | undefined;
}

/** The caller of a key. */
export function toCaller(key: ApiKeyRecord): Caller {
  const owner = key.roles.includes('owner');
  const system = new Set<SystemRole>(
    owner ? SYSTEM_ROLES : SYSTEM_ROLES.filter((role) => key.roles.includes(role)),
  );
  return {
    keyId: key.id,
    roles: key.roles,
    system,
    programmeRoles: key.roles.filter(
      (role) => role !== 'owner' && !(SYSTEM_ROLES as readonly string[]).includes(role),
    ),
    owner,
    scope: key.district === '' ? undefined : key.district,
  };
}

/** The store's view of a caller: the key id for the record, and the scope. */
export function toStoreCaller(caller: Caller): StoreCaller {
  return { actorId: caller.keyId, scope: caller.scope };
}

/** May this caller use an operation with this access rule? */
export function mayCall(caller: Caller, access: Access): boolean {
  if (access === 'public' || access === 'any') return true;
  return access.some((role) =>
    role === 'worker' ? caller.programmeRoles.length > 0 : caller.system.has(role),
  );
}
