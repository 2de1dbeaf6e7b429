/** Programmes: a published template version run for one district with its parameters. */
import { randomUUID } from 'node:crypto';
import { isDeepStrictEqual } from 'node:util';
import { sql } from 'drizzle-orm';
import { toAmountText } from '../compile/money.js';
import {
  NotFoundError,
  ProgrammeStatusError,
  TemplateNotPublishedError,
} from '../errors/engine-error.js';
import { openingBalances } from '../runtime/opening-balances.js';
import { validateParams } from '../runtime/validate-case-input.js';
import { labelText } from '../template/template.js';
import { checkStorable } from './check-storable.js';
import { checkDistrict, inScope, scopeCondition } from './district-scope.js';
import { isUuid } from './is-uuid.js';
import type { Row, SqlClient } from './sql/sql-client.js';
import { jsonb } from './sql/sql-client.js';
import type { Caller, StoreContext } from './store-context.js';
import { toNumber } from './sql/to-number.js';

/** Where a programme stands: paused and closed programmes take no new cases and no events. */
export type ProgrammeStatus = 'active' | 'paused' | 'closed';

/** A programme as stored. */
export interface ProgrammeRecord {
  id: string;
  templateId: string;
  templateVersion: number;
  district: string;
  title: string;
  params: Record<string, unknown>;
  status: ProgrammeStatus;
  createdBy: string | null;
  createdAt: Date;
  updatedAt: Date;
}

/** What starting a programme needs; `version` defaults to the latest published one. */
export interface StartProgrammeInput {
  template: string;
  version?: number | undefined;
  district: string;
  title?: string | undefined;
  params?: Record<string, unknown> | undefined;
}

/** A change of parameters (merged into the current ones) and/or of status. */
export interface ProgrammeChange {
  params?: Record<string, unknown> | undefined;
  status?: ProgrammeStatus | undefined;
  /** Why, kept with the record of each change made. */
  reason?: string | undefined;
}

/** Who changed a programme and when. */
interface ChangeStamp {
  changedBy: string | null;
  /** The display name of the person who made the change; null when a key made it. */
  changedByName: string | null;
  changedAt: Date;
  reason: string | null;
}

/** One recorded change of a programme: its parameters, or its status, before and after. */
export type ProgrammeChangeRecord =
  | (ChangeStamp & {
      kind: 'params';
      before: Record<string, unknown>;
      after: Record<string, unknown>;
    })
  | (ChangeStamp & { kind: 'status'; before: ProgrammeStatus; after: ProgrammeStatus })
  | (ChangeStamp & {
      kind: 'migration';
      before: { version: number; params: Record<string, unknown> };
      after: { version: number; params: Record<string, unknown>; moved: number; refused: number };
    });

const COLUMNS = sql.raw(
  'id, template_id, template_version, district, title, params, status, created_by, created_at, updated_at',
);

function toRecord(row: Row): ProgrammeRecord {
  return {
    id: row.id as string,
    templateId: row.template_id as string,
    templateVersion: row.template_version as number,
    district: row.district as string,
    title: row.title as string,
    params: row.params as Record<string, unknown>,
    status: row.status as ProgrammeStatus,
    createdBy: row.created_by as string | null,
    createdAt: row.created_at as Date,
    updatedAt: row.updated_at as Date,
  };
}

/** Start a programme: params validated with defaults filled, ledgers opened, all in one transaction. */
export async function startProgramme(
  ctx: StoreContext,
  input: StartProgrammeInput,
  caller: Caller,
): Promise<ProgrammeRecord> {
  const district = checkDistrict(input.district);
  checkStorable('programme', { params: input.params ?? {}, title: input.title ?? '' });
  if (!inScope(district, caller.scope)) throw new NotFoundError('district', district);
  const now = ctx.clock.now();
  const id = randomUUID();
  return ctx.sql.transaction(async (tx) => {
    const [found] = await tx.query<{ version: number | null }>(
      input.version === undefined
        ? sql`select max(version) as version from template_versions where template_id = ${input.template} and status = 'published'`
        : sql`select version from template_versions where template_id = ${input.template} and version = ${input.version} and status = 'published'`,
    );
    if (found?.version === undefined || found.version === null)
      throw new TemplateNotPublishedError(input.template, input.version);
    const version = found.version;
    const compiled = await ctx.templates.compiled(input.template, version, tx);
    const params = validateParams(compiled, input.params ?? {});
    const balances = openingBalances(compiled, params, now);
    const title = input.title ?? labelText(compiled.template.title, 'zh') ?? input.template;
    const [row] = await tx.query(sql`
      insert into programmes (id, template_id, template_version, district, title, params, status, created_by, created_at, updated_at)
      values (${id}, ${input.template}, ${version}, ${district}, ${title}, ${jsonb(params)}, 'active', ${caller.actorId}, ${now}, ${now})
      returning ${COLUMNS}`);
    for (const [name, balance] of Object.entries(balances)) {
      const amount = toAmountText(balance);
      await tx.query(
        sql`insert into ledgers (programme_id, name, balance, updated_at) values (${id}, ${name}, ${amount}::numeric, ${now})`,
      );
      await tx.query(sql`
        insert into ledger_entries (programme_id, ledger, amount, balance_after, actor, at)
        values (${id}, ${name}, ${amount}::numeric, ${amount}::numeric, ${caller.actorId}, ${now})`);
    }
    return toRecord(row!);
  });
}

/** One programme in the caller's scope. */
export async function getProgramme(
  ctx: StoreContext,
  id: string,
  scope?: string,
  client: SqlClient = ctx.sql,
): Promise<ProgrammeRecord> {
  const [row] = isUuid(id)
    ? await client.query(sql`select ${COLUMNS} from programmes where id = ${id}`)
    : [];
  if (!row || !inScope(row.district as string, scope)) throw new NotFoundError('programme', id);
  return toRecord(row);
}

/** Programmes in the caller's scope, newest first, optionally of one template or status. */
export async function listProgrammes(
  ctx: StoreContext,
  filter: {
    scope?: string | undefined;
    templateId?: string | undefined;
    status?: ProgrammeStatus | undefined;
  } = {},
): Promise<ProgrammeRecord[]> {
  const rows = await ctx.sql.query(sql`
    select ${COLUMNS} from programmes
    where ${scopeCondition(sql`district`, filter.scope)}
      and (${filter.templateId ?? null}::text is null or template_id = ${filter.templateId ?? null})
      and (${filter.status ?? null}::text is null or status = ${filter.status ?? null})
    order by created_at desc, id`);
  return rows.map(toRecord);
}

const TRANSITIONS: Record<ProgrammeStatus, readonly ProgrammeStatus[]> = {
  active: ['paused', 'closed'],
  paused: ['active', 'closed'],
  closed: [],
};

/** Change parameters (merged, validated, recorded with who and when) and/or status. */
export async function changeProgramme(
  ctx: StoreContext,
  id: string,
  change: ProgrammeChange,
  caller: Caller,
): Promise<ProgrammeRecord> {
  const now = ctx.clock.now();
  return ctx.sql.transaction(async (tx) => {
    const [row] = isUuid(id)
      ? await tx.query(sql`select ${COLUMNS} from programmes where id = ${id} for update`)
      : [];
    if (!row || !inScope(row.district as string, caller.scope))
      throw new NotFoundError('programme', id);
    const current = toRecord(row);
    let params = current.params;
    if (change.params !== undefined) {
      checkStorable('parameters', change.params);
      const compiled = await ctx.templates.compiled(
        current.templateId,
        current.templateVersion,
        tx,
      );
      params = validateParams(compiled, { ...current.params, ...change.params });
      // Only real changes are recorded: the log answers "who changed what", not "who saved".
      if (!isDeepStrictEqual(params, current.params))
        await recordChange(tx, id, 'params', current.params, params, caller, now, change.reason);
    }
    const status = change.status ?? current.status;
    if (status !== current.status) {
      if (!TRANSITIONS[current.status].includes(status))
        throw new ProgrammeStatusError(id, current.status, status);
      await recordChange(tx, id, 'status', current.status, status, caller, now, change.reason);
    }
    const [updated] = await tx.query(sql`
      update programmes set params = ${jsonb(params)}, status = ${status}, updated_at = ${now} where id = ${id} returning ${COLUMNS}`);
    return toRecord(updated!);
  });
}

async function recordChange(
  tx: SqlClient,
  id: string,
  kind: ProgrammeChangeRecord['kind'],
  before: unknown,
  after: unknown,
  caller: Caller,
  now: Date,
  reason: string | undefined,
): Promise<void> {
  await tx.query(sql`
    insert into programme_changes (programme_id, kind, changed_by, changed_at, before, after, reason)
    values (${id}, ${kind}, ${caller.actorId}, ${now}, ${jsonb(before)}, ${jsonb(after)}, ${reason ?? null})`);
}

/** Every change of a programme's parameters and status, oldest first. */
export async function listProgrammeChanges(
  ctx: StoreContext,
  id: string,
  scope?: string,
): Promise<ProgrammeChangeRecord[]> {
  await getProgramme(ctx, id, scope);
  const rows = await ctx.sql.query(sql`
    select c.kind, c.changed_by, p.display_name, c.changed_at, c.before, c.after, c.reason
    from programme_changes c left join people p on p.id::text = c.changed_by
    where c.programme_id = ${id} order by c.id`);
  return rows.map(
    (row) =>
      ({
        kind: row.kind,
        changedBy: row.changed_by as string | null,
        changedByName: (row.display_name as string | null) ?? null,
        changedAt: row.changed_at as Date,
        reason: row.reason as string | null,
        before: row.before,
        after: row.after,
      }) as ProgrammeChangeRecord,
  );
}

/** Current ledger balances of a programme by name. */
export async function ledgerBalances(
  ctx: StoreContext,
  id: string,
  scope?: string,
): Promise<Record<string, number>> {
  await getProgramme(ctx, id, scope);
  const rows = await ctx.sql.query(
    sql`select name, balance from ledgers where programme_id = ${id} order by name`,
  );
  return Object.fromEntries(rows.map((row) => [row.name as string, toNumber(row.balance)]));
}
