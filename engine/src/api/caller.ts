/**
 * The authenticated caller of a request: the roles and district scope of a key, or of a person
 * signed in with a session cookie. Both are checked by the same rules.
 */
import type {
  ApiKeyRecord,
  PersonRecord,
  SessionRecord,
  Caller as StoreCaller,
} from '../store/index.js';
import type { Reader } from '../template/privacy-marks.js';
import { SYSTEM_ROLES } from './api-operations.js';
import type { Access, SystemRole } from './api-operations.js';

/** Who is calling. */
export interface Caller {
  /** Who the records name: the key's id, or the person's id. */
  actorId: string;
  /** The key, when the request carried one. */
  keyId: string | undefined;
  /** The person signed in, when the request carried a session cookie. */
  person: PersonRecord | undefined;
  /** The session, with its CSRF token, when the request carried a session cookie. */
  session: SessionRecord | undefined;
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

function withRoles(roles: readonly string[], district: string) {
  const owner = roles.includes('owner');
  const system = new Set<SystemRole>(
    owner ? SYSTEM_ROLES : SYSTEM_ROLES.filter((role) => roles.includes(role)),
  );
  return {
    roles,
    system,
    programmeRoles: roles.filter(
      (role) => role !== 'owner' && !(SYSTEM_ROLES as readonly string[]).includes(role),
    ),
    owner,
    scope: district === '' ? undefined : district,
  };
}

/** The caller of a key. */
export function toCaller(key: ApiKeyRecord): Caller {
  return {
    actorId: key.id,
    keyId: key.id,
    person: undefined,
    session: undefined,
    ...withRoles(key.roles, key.district),
  };
}

/** The caller of a session: the person's roles and district, exactly as a key's would be. */
export function toSessionCaller(session: SessionRecord): Caller {
  const { person } = session;
  return {
    actorId: person.id,
    keyId: undefined,
    person,
    session,
    // A person never holds `owner`, whatever was stored.
    ...withRoles(
      person.roles.filter((role) => role !== 'owner'),
      person.district,
    ),
  };
}

/** Which of `roles` this caller may not grant: the owner grants any but `owner`, others what they hold. */
export function rolesNotHeld(caller: Caller, roles: readonly string[]): string[] {
  return roles.filter(
    (role) => role === 'owner' || (!caller.owner && !caller.roles.includes(role)),
  );
}

/**
 * Who reads case data, for the template's need-to-know marks: every role held; admins (and the
 * owner) see every field, since they serve residents' requests to see and correct their data.
 */
export function readerOf(caller: Caller): Reader {
  return { roles: caller.roles, all: caller.owner || caller.system.has('admin') };
}

/** Who reads, for the access log: the person, or else the key. */
export function caseReaderOf(caller: Caller): { actorId: string; kind: 'person' | 'key' } {
  return { actorId: caller.actorId, kind: caller.person ? 'person' : 'key' };
}

/** The store's view of a caller: the key id for the record, and the scope. */
export function toStoreCaller(caller: Caller): StoreCaller {
  return { actorId: caller.actorId, scope: caller.scope };
}

/** May this caller use an operation with this access rule? */
export function mayCall(caller: Caller, access: Access): boolean {
  if (access === 'public' || access === 'any') return true;
  if (access === 'session') return caller.session !== undefined;
  return access.some((role) =>
    role === 'worker' ? caller.programmeRoles.length > 0 : caller.system.has(role),
  );
}
