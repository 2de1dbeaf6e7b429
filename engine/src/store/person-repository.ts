/**
 * People who sign in: an account with a login, a display name, roles and a district. Passwords are
 * kept only as argon2id hashes. Reads and writes are limited to the caller's district scope; a
 * person outside it is not found.
 */
import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { LoginTakenError, NotFoundError, ValidationFailedError } from '../errors/engine-error.js';
import { checkDistrict, inScope, scopeCondition } from './district-scope.js';
import { isUuid } from './is-uuid.js';
import { fromCursor, pageLimit, toCursor, toPage } from './page-cursor.js';
import type { Page } from './page-cursor.js';
import { MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH, hashPassword } from './password-hash.js';
import type { Row, SqlClient } from './sql/sql-client.js';
import { databaseErrorOf, textArray } from './sql/sql-client.js';
import type { Caller, StoreContext } from './store-context.js';

/** A person as stored, without the password hash. */
export interface PersonRecord {
  id: string;
  login: string;
  displayName: string;
  roles: string[];
  district: string;
  disabled: boolean;
  createdBy: string | null;
  createdAt: Date;
  updatedAt: Date;
}

/** What a new person gets. */
export interface NewPerson {
  login: string;
  displayName: string;
  password: string;
  roles: readonly string[];
  district: string;
}

/** A change of a person; absent fields stay as they are. */
export interface PersonChange {
  displayName?: string | undefined;
  roles?: readonly string[] | undefined;
  district?: string | undefined;
  disabled?: boolean | undefined;
}

/** Filters of the people list. */
export interface PeopleQuery {
  scope?: string | undefined;
  /** This district and below. */
  district?: string | undefined;
  role?: string | undefined;
  /** Part of the login or the display name, any case. */
  text?: string | undefined;
  cursor?: string | undefined;
  limit?: number | undefined;
}

/**
 * A login: a phone number (`13800138000`, `+86 138 0013 8000` is written without spaces) or a
 * username of letters, digits, `.`, `_`, `-` and `@`; compared without case.
 */
const LOGIN = /^[\p{L}\p{N}+][\p{L}\p{N}._@+-]{1,63}$/u;

/** The login as stored (trimmed, lower case), or a located validation error. */
export function normalizeLogin(login: string): string {
  const value = login.trim().toLowerCase();
  if (!LOGIN.test(value))
    throw new ValidationFailedError('login', [
      {
        path: '/login',
        message:
          'must be a phone number or a username of 2 to 64 letters, digits, ".", "_", "-", "@" or "+", without spaces',
      },
    ]);
  return value;
}

/** Refuse a password the policy does not allow, with a located message. */
export function checkPassword(password: string): void {
  const length = [...password].length;
  if (length < MIN_PASSWORD_LENGTH || length > MAX_PASSWORD_LENGTH)
    throw new ValidationFailedError('password', [
      {
        path: '/password',
        message: `must be ${MIN_PASSWORD_LENGTH} to ${MAX_PASSWORD_LENGTH} characters long`,
      },
    ]);
}

const COLUMNS = sql.raw(
  'id, login, display_name, roles, district, disabled_at, created_by, created_at, updated_at',
);

function toRecord(row: Row): PersonRecord {
  return {
    id: row.id as string,
    login: row.login as string,
    displayName: row.display_name as string,
    roles: row.roles as string[],
    district: row.district as string,
    disabled: row.disabled_at !== null,
    createdBy: row.created_by as string | null,
    createdAt: row.created_at as Date,
    updatedAt: row.updated_at as Date,
  };
}

function displayName(name: string): string {
  const value = name.trim();
  if (value.length === 0 || value.length > 100)
    throw new ValidationFailedError('display name', [
      { path: '/displayName', message: 'must be 1 to 100 characters' },
    ]);
  return value;
}

/** Create a person (the password hashed); 409 `login-taken` if the login is in use. */
export async function createPerson(
  ctx: StoreContext,
  input: NewPerson,
  caller: Caller,
): Promise<PersonRecord> {
  const login = normalizeLogin(input.login);
  const name = displayName(input.displayName);
  checkPassword(input.password);
  const district = checkDistrict(input.district);
  if (!inScope(district, caller.scope)) throw new NotFoundError('district', district);
  const hash = await hashPassword(input.password);
  const now = ctx.clock.now();
  try {
    const [row] = await ctx.sql.query(sql`
      insert into people (id, login, display_name, password_hash, roles, district, created_by, created_at, updated_at, password_changed_at)
      values (${randomUUID()}, ${login}, ${name}, ${hash}, ${textArray(input.roles)}, ${district},
              ${caller.actorId}, ${now}, ${now}, ${now})
      returning ${COLUMNS}`);
    return toRecord(row!);
  } catch (error) {
    if (databaseErrorOf(error)?.code === '23505') throw new LoginTakenError(login);
    throw error;
  }
}

/** One person in the caller's scope. */
export async function getPerson(
  ctx: StoreContext,
  id: string,
  scope?: string,
  client: SqlClient = ctx.sql,
): Promise<PersonRecord> {
  const [row] = isUuid(id)
    ? await client.query(sql`select ${COLUMNS} from people where id = ${id}`)
    : [];
  if (!row || !inScope(row.district as string, scope)) throw new NotFoundError('person', id);
  return toRecord(row);
}

/** The person and password hash for a login, to sign in; disabled people are not found. */
export async function findPersonForSignIn(
  ctx: StoreContext,
  login: string,
): Promise<{ person: PersonRecord; passwordHash: string } | undefined> {
  const value = login.trim().toLowerCase();
  const [row] = await ctx.sql.query(
    sql`select ${COLUMNS}, password_hash from people where login = ${value} and disabled_at is null`,
  );
  return row ? { person: toRecord(row), passwordHash: row.password_hash as string } : undefined;
}

/** People in the caller's scope, oldest first, a page at a time. */
export async function listPeople(
  ctx: StoreContext,
  query: PeopleQuery = {},
): Promise<Page<PersonRecord>> {
  const limit = pageLimit(query.limit);
  const after = query.cursor === undefined ? undefined : fromCursor(query.cursor);
  const text = query.text?.trim().toLowerCase();
  const pattern = text ? `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%` : null;
  const rows = await ctx.sql.query(sql`
    select ${COLUMNS} from people
    where ${scopeCondition(sql`district`, query.scope)}
      and ${scopeCondition(sql`district`, query.district)}
      and (${query.role ?? null}::text is null or ${query.role ?? null}::text = any(roles))
      and (${pattern}::text is null or login like ${pattern} or lower(display_name) like ${pattern})
      and (${after?.at ?? null}::timestamptz is null
           or (created_at, id) > (${after?.at ?? null}::timestamptz, ${after?.id ?? null}::uuid))
    order by created_at, id
    limit ${limit + 1}`);
  return toPage(rows.map(toRecord), limit, (last) => toCursor(last.createdAt, last.id));
}

/**
 * Change a person in the caller's scope. `check` sees the person before and after, inside the
 * transaction, and may refuse (the API checks what the caller may grant). Disabling a person ends
 * every session of theirs at once.
 */
export async function updatePerson(
  ctx: StoreContext,
  id: string,
  change: PersonChange,
  caller: Caller,
  check: (before: PersonRecord, after: PersonRecord) => void = () => undefined,
): Promise<PersonRecord> {
  const now = ctx.clock.now();
  return ctx.sql.transaction(async (tx) => {
    const [row] = isUuid(id)
      ? await tx.query(sql`select ${COLUMNS} from people where id = ${id} for update`)
      : [];
    if (!row || !inScope(row.district as string, caller.scope))
      throw new NotFoundError('person', id);
    const before = toRecord(row);
    const after: PersonRecord = {
      ...before,
      displayName:
        change.displayName === undefined ? before.displayName : displayName(change.displayName),
      roles: change.roles === undefined ? before.roles : [...change.roles],
      district: change.district === undefined ? before.district : checkDistrict(change.district),
      disabled: change.disabled ?? before.disabled,
    };
    if (!inScope(after.district, caller.scope)) throw new NotFoundError('district', after.district);
    check(before, after);
    const disabledAt = after.disabled ? ((row.disabled_at as Date | null) ?? now) : null;
    const [updated] = await tx.query(sql`
      update people set display_name = ${after.displayName}, roles = ${textArray(after.roles)},
        district = ${after.district}, disabled_at = ${disabledAt}, updated_at = ${now}
      where id = ${id} returning ${COLUMNS}`);
    if (after.disabled && !before.disabled) await revokeSessionsOfPerson(tx, id, now);
    return toRecord(updated!);
  });
}

/**
 * Set a person's password (an admin's reset, or the CLI). Every session of theirs ends in the
 * same transaction: whoever knew the old password is signed out everywhere.
 */
export async function setPassword(
  ctx: StoreContext,
  id: string,
  password: string,
  caller: Caller,
  check: (person: PersonRecord) => void = () => undefined,
): Promise<PersonRecord> {
  checkPassword(password);
  const hash = await hashPassword(password);
  const now = ctx.clock.now();
  return ctx.sql.transaction(async (tx) => {
    const person = await getPerson(ctx, id, caller.scope, tx);
    check(person);
    const [row] = await tx.query(sql`
      update people set password_hash = ${hash}, password_changed_at = ${now}, updated_at = ${now}
      where id = ${id} returning ${COLUMNS}`);
    await revokeSessionsOfPerson(tx, id, now);
    return toRecord(row!);
  });
}

/** End every live session of a person. */
export async function revokeSessionsOfPerson(
  client: SqlClient,
  personId: string,
  now: Date,
): Promise<number> {
  const rows = await client.query(sql`
    update sessions set revoked_at = ${now}
    where person_id = ${personId} and revoked_at is null returning id`);
  return rows.length;
}
