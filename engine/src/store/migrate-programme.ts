/**
 * Moving a running programme to a newer published version of its template. Each case is planned
 * by `planCaseMigration` (pure); the dry run answers the plans and writes nothing. Applying
 * writes batches of cases, one transaction each: the case row (state, data, version + 1, its own
 * template version), a `migrated` history entry with both versions, and its timers. A case moved
 * carries the new version at once, so events keep flowing during the migration; the programme
 * switches at the end, under its row lock (which holds off new cases), recorded as a change.
 * Retrying after a failure resumes where it stopped; retrying after success moves nothing.
 */
import { sql } from 'drizzle-orm';
import type { StateValue } from 'xstate';
import type { CompiledTemplate } from '../compile/compile-template.js';
import {
  EngineError,
  NotFoundError,
  TemplateNotPublishedError,
  ValidationFailedError,
} from '../errors/engine-error.js';
import { activeStateIds } from '../runtime/active-state-ids.js';
import { planCaseMigration } from '../runtime/plan-case-migration.js';
import type {
  CaseMigrationPlan,
  MigrationChoices,
  PendingTimer,
} from '../runtime/plan-case-migration.js';
import { validateParams } from '../runtime/validate-case-input.js';
import { checkStorable } from './check-storable.js';
import { inScope } from './district-scope.js';
import { isUuid } from './is-uuid.js';
import type { Row, SqlClient } from './sql/sql-client.js';
import { jsonb } from './sql/sql-client.js';
import type { Caller, StoreContext } from './store-context.js';

/** What the admin asks for. */
export interface MigrateProgrammeInput extends MigrationChoices {
  toVersion: number;
  /** Plan every case and write nothing. */
  dryRun?: boolean;
  /** Move the cases that can move and leave the others on their version (default: all or none). */
  onlyMovable?: boolean;
  /** Cases per transaction (default 500). */
  batchSize?: number;
}

/** What a migration did, or (dry run) would do. */
export interface ProgrammeMigration {
  programmeId: string;
  fromVersion: number;
  toVersion: number;
  dryRun: boolean;
  /** `done`: the programme runs on `toVersion`; `refused`: nothing moved (some cases cannot). */
  status: 'planned' | 'done' | 'refused';
  total: number;
  movable: number;
  refused: number;
  /** Cases already on `toVersion` (a retried or resumed migration). */
  alreadyMigrated: number;
  moved: number;
  batches: number;
  /** Parameters re-validated against the new version, defaults filled. */
  params: Record<string, unknown>;
  /** One plan per case not yet on `toVersion` (the first `MAX_LISTED_PLANS`). */
  cases: CaseMigrationPlan[];
  casesOmitted: number;
}

/** Plans listed in one answer; counts cover every case. */
export const MAX_LISTED_PLANS = 10_000;
const DEFAULT_BATCH = 500;

/** Some cases cannot move and the admin did not choose to move only the others. */
export class MigrationRefusedError extends EngineError {
  constructor(programmeId: string, toVersion: number, refused: CaseMigrationPlan[]) {
    const names = refused
      .slice(0, 5)
      .map((p) => p.ref ?? p.caseId)
      .join(', ');
    super(
      'migration-refused',
      'conflict',
      `${refused.length} case(s) of programme '${programmeId}' cannot move to version ${toVersion} (${names}${refused.length > 5 ? ', …' : ''}); nothing moved: map their states in stateMap, give dataDefaults, or set onlyMovable`,
      {
        programmeId,
        toVersion,
        refused: refused.slice(0, 100).map((p) => ({
          caseId: p.caseId,
          ref: p.ref,
          fromState: p.fromState,
          reason: p.movable ? undefined : p.reason,
        })),
        messageZh: `方案中有 ${refused.length} 个案件无法迁移到第 ${toVersion} 版（${names}）；未迁移任何案件。请在 stateMap 中映射其状态、提供 dataDefaults，或选择只迁移可迁移的案件。`,
      },
    );
  }
}

/** The request does not fit the versions: a state or field named that does not exist. */
function invalidChoice(path: string, message: string): ValidationFailedError {
  return new ValidationFailedError('migration', [{ path, message }]);
}

interface CaseRow extends Row {
  id: string;
  ref: string | null;
  value: StateValue;
  data: Record<string, unknown>;
  version: number;
  state: string;
  template_version: number;
  timers:
    | {
        id: number;
        state: string;
        idx: number;
        event_type: string;
        due_at: string;
        created_at: string;
      }[]
    | null;
}

/** Cases not yet on `to`, after `afterId`, with their pending timers; locked when `lock`. */
function readCases(
  tx: SqlClient,
  programmeId: string,
  programmeVersion: number,
  to: number,
  afterId: string,
  limit: number,
  lock: boolean,
): Promise<CaseRow[]> {
  return tx.query<CaseRow>(sql`
    select c.id, c.ref, c.value, c.data, c.version, c.state,
      coalesce(c.template_version, ${programmeVersion}) as template_version,
      (select json_agg(json_build_object('id', t.id, 'state', t.state, 'idx', t.idx, 'event_type', t.event_type,
               'due_at', t.due_at, 'created_at', t.created_at))
         from timers t where t.case_id = c.id and t.status = 'pending') as timers
    from cases c
    where c.programme_id = ${programmeId} and coalesce(c.template_version, ${programmeVersion}) <> ${to}
      and c.id > ${afterId}::uuid
    order by c.id limit ${limit} ${lock ? sql`for update of c` : sql``}`);
}

function snapshotOf(row: CaseRow) {
  const timers: PendingTimer[] = (row.timers ?? []).map((t) => ({
    id: Number(t.id),
    state: t.state,
    index: t.idx,
    eventType: t.event_type,
    dueAt: new Date(t.due_at),
    armedAt: new Date(t.created_at),
  }));
  return { id: row.id, ref: row.ref, value: row.value, data: row.data, timers };
}

/** Write the moves of one batch in the caller's transaction. */
async function writeMoves(
  tx: SqlClient,
  programmeId: string,
  moves: { row: CaseRow; plan: Extract<CaseMigrationPlan, { movable: true }> }[],
  to: number,
  actorId: string | null,
  now: Date,
): Promise<void> {
  if (moves.length === 0) return;
  const caseRows = moves.map(({ row, plan }) => ({
    id: row.id,
    state: plan.toState,
    active_states: activeStateIds(plan.value),
    value: plan.value,
    data: plan.data,
    done: plan.done,
    seq: row.version + 1,
  }));
  const history = moves.map(({ row, plan }) => ({
    case_id: row.id,
    seq: row.version + 1,
    payload: {
      fromVersion: row.template_version,
      toVersion: to,
      fromState: plan.fromState,
      toState: plan.toState,
      filled: plan.filled,
      dropped: plan.dropped,
      timers: {
        kept: plan.timers.kept.length,
        cancelled: plan.timers.cancelled.length,
        armed: plan.timers.armed.length,
      },
    },
    from_state: row.state,
    to_state: plan.toState,
  }));
  const cancelled = moves.flatMap(({ plan }) => plan.timers.cancelled.map((t) => t.id));
  const armed = moves.flatMap(({ row, plan }) =>
    plan.timers.armed.map((t) => ({
      case_id: row.id,
      state: t.state,
      idx: t.index,
      event_type: t.eventType,
      due_at: t.dueAt.toISOString(),
    })),
  );
  const writes: Promise<unknown>[] = [
    tx.query(sql`
      update cases c set state = v.state,
        active_states = array(select jsonb_array_elements_text(v.active_states)),
        value = v.value, data = v.data, done = v.done, version = v.seq,
        template_version = ${to}, updated_at = ${now}
      from jsonb_to_recordset(${jsonb(caseRows)}) as v(id uuid, state text, active_states jsonb, value jsonb, data jsonb, done boolean, seq integer)
      where c.id = v.id`),
    tx.query(sql`
      insert into case_history (case_id, seq, event_type, payload, actor, roles, from_state, to_state, at)
      select v.case_id, v.seq, 'migrated', v.payload, ${actorId}, null, v.from_state, v.to_state, ${now}
      from jsonb_to_recordset(${jsonb(history)}) as v(case_id uuid, seq integer, payload jsonb, from_state text, to_state text)`),
  ];
  if (cancelled.length > 0)
    writes.push(
      tx.query(sql`
        update timers set status = 'cancelled', note = ${`migrated to version ${to}`}
        where status = 'pending' and id in (select jsonb_array_elements_text(${jsonb(cancelled)})::bigint)`),
    );
  if (armed.length > 0)
    writes.push(
      tx.query(sql`
        insert into timers (programme_id, case_id, state, idx, event_type, due_at, created_at)
        select ${programmeId}, v.case_id, v.state, v.idx, v.event_type, v.due_at, ${now}
        from jsonb_to_recordset(${jsonb(armed)}) as v(case_id uuid, state text, idx integer, event_type text, due_at timestamptz)`),
    );
  await Promise.all(writes);
}

const FIRST_ID = '00000000-0000-0000-0000-000000000000';

/**
 * Move programme `programmeId` to published version `toVersion` (see the file comment).
 * Refuses the whole request (422) when `stateMap` or `dataDefaults` name what does not exist or the
 * parameters do not fit the new version; refuses (409) when some case cannot move, unless
 * `onlyMovable`.
 */
export async function migrateProgramme(
  ctx: StoreContext,
  programmeId: string,
  input: MigrateProgrammeInput,
  caller: Caller,
): Promise<ProgrammeMigration> {
  const [programme] = isUuid(programmeId)
    ? await ctx.sql.query(
        sql`select template_id, template_version, params, district from programmes where id = ${programmeId}`,
      )
    : [];
  if (!programme || !inScope(programme.district as string, caller.scope))
    throw new NotFoundError('programme', programmeId);
  const templateId = programme.template_id as string;
  const programmeVersion = programme.template_version as number;
  const to = input.toVersion;
  const [published] = await ctx.sql.query(
    sql`select 1 from template_versions where template_id = ${templateId} and version = ${to} and status = 'published'`,
  );
  if (!published) throw new TemplateNotPublishedError(templateId, to);
  if (to < programmeVersion)
    throw invalidChoice(
      '/toVersion',
      `must not be older than the programme's version ${programmeVersion}`,
    );
  const compiled = new Map<number, CompiledTemplate>();
  const compile = async (v: number) => {
    let c = compiled.get(v);
    if (!c) compiled.set(v, (c = await ctx.templates.compiled(templateId, v, ctx.sql)));
    return c;
  };
  const toCompiled = await compile(to);
  const fromCompiled = await compile(programmeVersion);
  checkStorable('migration', {
    stateMap: input.stateMap ?? {},
    dataDefaults: input.dataDefaults ?? {},
  });
  // A key may name a state of any version cases are on (a case an earlier migration left on an
  // older version is mapped from that version's states).
  const inUse = Object.keys(input.stateMap ?? {}).some(
    (old) => !fromCompiled.states.has(old) && !toCompiled.states.has(old),
  )
    ? await ctx.sql.query<{ v: number }>(sql`
        select distinct coalesce(template_version, ${programmeVersion}) as v from cases
        where programme_id = ${programmeId}`)
    : [];
  const olderStates = await Promise.all(
    inUse.map(async ({ v }) => (await compile(Number(v))).states),
  );
  for (const [old, target] of Object.entries(input.stateMap ?? {})) {
    if (
      !fromCompiled.states.has(old) &&
      !toCompiled.states.has(old) &&
      !olderStates.some((states) => states.has(old))
    )
      throw invalidChoice(`/stateMap/${old}`, `is not a state of version ${programmeVersion}`);
    if (!toCompiled.states.has(target))
      throw invalidChoice(`/stateMap/${old}`, `'${target}' is not a state of version ${to}`);
  }
  const declared = toCompiled.template.data?.properties ?? {};
  for (const field of Object.keys(input.dataDefaults ?? {}))
    if (!(field in declared))
      throw invalidChoice(`/dataDefaults/${field}`, `is not a data field of version ${to}`);
  const params = validateParams(toCompiled, programme.params);
  const choices: MigrationChoices = { stateMap: input.stateMap, dataDefaults: input.dataDefaults };
  const now = ctx.clock.now();
  const plan = async (row: CaseRow) =>
    planCaseMigration(
      await compile(row.template_version),
      toCompiled,
      snapshotOf(row),
      choices,
      now,
    );

  // Every case is planned first: nothing moves until the answer says every case can (or the
  // admin chose to move only those that can).
  const plans: CaseMigrationPlan[] = [];
  let total = 0;
  for (let after = FIRST_ID; ;) {
    const rows = await readCases(ctx.sql, programmeId, programmeVersion, to, after, 2000, false);
    if (rows.length === 0) break;
    for (const row of rows) {
      const p = await plan(row);
      total++;
      if (plans.length < MAX_LISTED_PLANS || !p.movable) plans.push(p);
    }
    after = rows[rows.length - 1]!.id;
  }
  const [{ n: alreadyMigrated } = { n: 0 }] = await ctx.sql.query<{ n: number }>(sql`
    select count(*)::int as n from cases where programme_id = ${programmeId}
      and coalesce(template_version, ${programmeVersion}) = ${to}`);
  const refusedPlans = plans.filter((p) => !p.movable);
  const answer: ProgrammeMigration = {
    programmeId,
    fromVersion: programmeVersion,
    toVersion: to,
    dryRun: input.dryRun === true,
    status: 'planned',
    total: total + alreadyMigrated,
    movable: total - refusedPlans.length,
    refused: refusedPlans.length,
    alreadyMigrated,
    moved: 0,
    batches: 0,
    params,
    cases: plans.slice(0, MAX_LISTED_PLANS),
    casesOmitted: Math.max(0, total - MAX_LISTED_PLANS),
  };
  if (input.dryRun) return answer;
  if (refusedPlans.length > 0 && !input.onlyMovable) {
    throw new MigrationRefusedError(programmeId, to, refusedPlans);
  }

  // Apply: one transaction per batch, planned again under the row locks (an event may have moved
  // a case since), so a case is written from what it is, never from what it was.
  const batch = Math.max(1, Math.min(input.batchSize ?? DEFAULT_BATCH, 5000));
  const runBatch = async (tx: SqlClient, after: string, limit: number) => {
    const rows = await readCases(tx, programmeId, programmeVersion, to, after, limit, true);
    const moves = [];
    for (const row of rows) {
      const p = await plan(row);
      if (p.movable) moves.push({ row, plan: p });
    }
    await writeMoves(tx, programmeId, moves, to, caller.actorId, now);
    return { rows, moved: moves.length };
  };
  for (let after = FIRST_ID; ;) {
    const { rows, moved } = await ctx.sql.transaction((tx) => runBatch(tx, after, batch));
    if (rows.length === 0) break;
    answer.moved += moved;
    answer.batches++;
    after = rows[rows.length - 1]!.id;
  }
  // The switch: under the programme's row lock (new cases wait for it), move what opened
  // meanwhile, pin the cases that stay behind to their version, and record the change.
  await ctx.sql.transaction(async (tx) => {
    const [locked] = await tx.query(
      sql`select template_version, params from programmes where id = ${programmeId} for update`,
    );
    const current = locked!.template_version as number;
    for (let after = FIRST_ID; ;) {
      const { rows, moved } = await runBatch(tx, after, batch);
      if (rows.length === 0) break;
      answer.moved += moved;
      after = rows[rows.length - 1]!.id;
    }
    // The programme already runs `to` (cases left behind by `onlyMovable` moving now, or a
    // retry): recorded only when it moved cases, so the change log says where they are.
    if (current === to && answer.moved === 0) return;
    if (current !== to) {
      await tx.query(sql`
        update cases set template_version = ${current}
        where programme_id = ${programmeId} and template_version is null`);
      await tx.query(sql`
        update programmes set template_version = ${to}, params = ${jsonb(params)}, updated_at = ${now}
        where id = ${programmeId}`);
    }
    await tx.query(sql`
      insert into programme_changes (programme_id, kind, changed_by, changed_at, before, after, reason)
      values (${programmeId}, 'migration', ${caller.actorId}, ${now},
        ${jsonb({ version: current, params: locked!.params })},
        ${jsonb({
          version: to,
          params,
          // A follow-up counts what it moved; the first switch also what a resumed run had.
          moved: current === to ? answer.moved : answer.moved + alreadyMigrated,
          refused: refusedPlans.length,
          ...(current === to && { leftBehind: true }),
          stateMap: input.stateMap ?? {},
          dataDefaults: input.dataDefaults ?? {},
        })}, null)`);
  });
  answer.status = 'done';
  return answer;
}
