/**
 * Where one running case goes when its programme moves to a newer template version: the state it
 * lands in (same key, or the admin's `stateMap`), its data under the new schema (missing fields
 * from `dataDefaults` or the template's defaults; fields the new schema dropped are dropped), and
 * its timers (kept, re-armed with the new delay from when they were armed, cancelled, or armed on
 * entering a state that has new ones). Or why it cannot move. Pure: the dry run and the migration
 * both call it, and a case is written only with a plan that says it can move.
 */
import type { StateValue } from 'xstate';
import type { CompiledTemplate } from '../compile/compile-template.js';
import { CASE_TIMER_STATE, parseTimerEvent, timerEventType } from '../compile/state-ids.js';
import { ValidationFailedError } from '../errors/engine-error.js';
import type { StateIndex } from '../template/state-index.js';
import { activeStateIds } from './active-state-ids.js';
import { addDuration } from './add-duration.js';
import { describeValue } from './step-case.js';
import { validateCaseData } from './validate-case-input.js';

/** A pending timer of a case, as stored. */
export interface PendingTimer {
  id: number;
  state: string;
  index: number;
  eventType: string;
  dueAt: Date;
  /** When it was armed. */
  armedAt: Date;
}

/** A running case as the migration sees it. */
export interface CaseSnapshot {
  id: string;
  ref?: string | null;
  value: StateValue;
  data: Record<string, unknown>;
  timers: readonly PendingTimer[];
}

/** What the admin decides for a migration. */
export interface MigrationChoices {
  /** Old state id → new state id, for states whose key does not exist in the new version. */
  stateMap?: Readonly<Record<string, string>>;
  /** Values for data fields the new version requires and a case does not have. */
  dataDefaults?: Readonly<Record<string, unknown>>;
}

/** A timer to arm in the new version. */
export interface TimerPlan {
  state: string;
  index: number;
  eventType: string;
  dueAt: Date;
}

/** Why a case cannot move. */
export interface MigrationRefusal {
  code: 'state-removed' | 'data-invalid' | 'state-invalid';
  message: { zh: string; en: string };
  /** For `data-invalid`: the fields and what is wrong with them. */
  fields?: { path: string; message: string }[];
}

/** The plan for one case. */
export type CaseMigrationPlan =
  | {
      caseId: string;
      ref: string | null;
      movable: true;
      fromState: string;
      toState: string;
      value: StateValue;
      data: Record<string, unknown>;
      done: boolean;
      /** Data fields filled from `dataDefaults` or the new template's defaults. */
      filled: string[];
      /** Data fields the new schema no longer declares. */
      dropped: string[];
      timers: {
        kept: TimerPlan[];
        /** Pending timers cancelled (their state or timer is gone, or re-armed below). */
        cancelled: (TimerPlan & { id: number })[];
        /** Timers armed: new ones, and changed ones re-armed from when they were first armed. */
        armed: TimerPlan[];
      };
    }
  | {
      caseId: string;
      ref: string | null;
      movable: false;
      fromState: string;
      reason: MigrationRefusal;
    };

/** The value a state id is entered with: descend `initial`s; a parallel state enters every region. */
function enteredValue(index: StateIndex, id: string): StateValue {
  const path = id.split('.');
  const below = (stateId: string): StateValue | undefined => {
    const s = index.get(stateId)!;
    const children = [...index.values()].filter((c) => c.parentId === stateId);
    if (children.length === 0) return undefined;
    if (s.kind === 'parallel')
      return Object.fromEntries(
        children.map((c) => [c.path[c.path.length - 1]!, below(c.id) ?? {}]),
      );
    const first = s.def.initial ?? children[0]!.path[children[0]!.path.length - 1]!;
    const inner = below(`${stateId}.${first}`);
    return inner === undefined ? first : { [first]: inner };
  };
  let value: StateValue | undefined = below(id);
  for (let i = path.length - 1; i >= 0; i--)
    value = value === undefined ? path[i]! : { [path[i]!]: value };
  return value!;
}

/** Merge state values (leaf paths of parallel regions) into one. */
function mergeValues(values: StateValue[]): StateValue {
  const merged: Record<string, unknown> = {};
  for (const v of values) {
    if (typeof v === 'string') {
      if (values.length === 1) return v;
      merged[v] = {};
      continue;
    }
    for (const [k, child] of Object.entries(v)) {
      const existing = merged[k] as StateValue | undefined;
      merged[k] =
        existing === undefined || (typeof existing === 'object' && !Object.keys(existing).length)
          ? child
          : mergeValues([existing, child as StateValue]);
    }
  }
  return merged as StateValue;
}

/** Leaf state ids of a value (the deepest active state of each region). */
function leavesOf(value: StateValue, prefix = ''): string[] {
  if (typeof value === 'string') return [`${prefix}${value}`];
  return Object.entries(value).flatMap(([k, child]) =>
    child === undefined || (typeof child === 'object' && Object.keys(child).length === 0)
      ? [`${prefix}${k}`]
      : leavesOf(child, `${prefix}${k}.`),
  );
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** Plan the move of one case from `from` to `to`. */
export function planCaseMigration(
  from: CompiledTemplate,
  to: CompiledTemplate,
  snapshot: CaseSnapshot,
  choices: MigrationChoices,
  now: Date,
): CaseMigrationPlan {
  const fromState = describeValue(snapshot.value);
  const base = { caseId: snapshot.id, ref: snapshot.ref ?? null, fromState };
  const map = choices.stateMap ?? {};

  // States: each active leaf by its own key, or by the admin's map (of it or of an ancestor).
  const targets: string[] = [];
  for (const leaf of leavesOf(snapshot.value)) {
    const path = leaf.split('.');
    let target: string | undefined;
    for (let i = path.length; i > 0 && target === undefined; i--) {
      const id = path.slice(0, i).join('.');
      if (Object.hasOwn(map, id)) target = map[id];
    }
    target ??= to.states.has(leaf) ? leaf : undefined;
    if (target === undefined || !to.states.has(target))
      return {
        ...base,
        movable: false,
        reason: {
          code: 'state-removed',
          message: {
            zh: `状态“${leaf}”在第 ${to.template.version} 版中已不存在：请在 stateMap 中为它指定新状态`,
            en: `state "${leaf}" does not exist in version ${to.template.version}: map it to a new state in stateMap`,
          },
        },
      };
    targets.push(target);
  }
  let value: StateValue;
  try {
    value = mergeValues(targets.map((t) => enteredValue(to.states, t)));
    to.machine.resolveState({ value, context: {} });
  } catch (error) {
    return {
      ...base,
      movable: false,
      reason: {
        code: 'state-invalid',
        message: {
          zh: `无法在第 ${to.template.version} 版中进入状态 ${targets.join(' + ')}`,
          en: `cannot place the case in ${targets.join(' + ')} of version ${to.template.version}: ${String(error)}`,
        },
      },
    };
  }

  // Data: admin defaults for what is missing, then the new schema's defaults and checks.
  const declared = to.template.data?.properties;
  const closed = to.template.data?.additionalProperties !== true;
  const dropped =
    closed && declared ? Object.keys(snapshot.data).filter((k) => !(k in declared)) : [];
  const data: Record<string, unknown> = Object.fromEntries(
    Object.entries(snapshot.data).filter(([k]) => !dropped.includes(k)),
  );
  for (const [k, v] of Object.entries(choices.dataDefaults ?? {}))
    if (!(k in data)) data[k] = structuredClone(v);
  let checked: Record<string, unknown>;
  try {
    checked = validateCaseData(to, data);
  } catch (error) {
    if (!(error instanceof ValidationFailedError)) throw error;
    return {
      ...base,
      movable: false,
      reason: {
        code: 'data-invalid',
        message: {
          zh: `数据不符合第 ${to.template.version} 版：${error.fieldErrors.map((f) => f.path).join('、')}（可在 dataDefaults 中补充）`,
          en: `data does not fit version ${to.template.version}: ${error.fieldErrors.map((f) => `${f.path} ${f.message}`).join('; ')} (dataDefaults can fill missing fields)`,
        },
        fields: error.fieldErrors.map((f) => ({ path: f.path, message: f.message })),
      },
    };
  }
  const filled = Object.keys(checked).filter((k) => !(k in snapshot.data));

  // Timers: what the new active states arm, against what is pending.
  const before = new Set(activeStateIds(snapshot.value));
  const after = activeStateIds(value);
  const kept: TimerPlan[] = [];
  const cancelled: (TimerPlan & { id: number })[] = [];
  const armed: TimerPlan[] = [];
  const claimed = new Set<number>();
  const plan = (t: PendingTimer): TimerPlan => ({
    state: t.state,
    index: t.index,
    eventType: t.eventType,
    dueAt: t.dueAt,
  });
  for (const id of after) {
    const newAfter = to.states.get(id)?.def.after ?? [];
    const oldAfter = before.has(id) ? (from.states.get(id)?.def.after ?? []) : [];
    newAfter.forEach((timer, index) => {
      const pending = before.has(id)
        ? snapshot.timers.find((t) => t.state === id && t.index === index && !claimed.has(t.id))
        : undefined;
      const eventType = timerEventType(id, index);
      if (!pending) {
        armed.push({ state: id, index, eventType, dueAt: addDuration(now, timer.delay) });
        return;
      }
      claimed.add(pending.id);
      if (oldAfter[index] && same(oldAfter[index].delay, timer.delay)) kept.push(plan(pending));
      else {
        cancelled.push({ ...plan(pending), id: pending.id });
        armed.push({
          state: id,
          index,
          eventType,
          dueAt: addDuration(pending.armedAt, timer.delay),
        });
      }
    });
  }
  const events = new Set(Object.keys(to.template.events ?? {}));
  for (const t of snapshot.timers) {
    if (claimed.has(t.id)) continue;
    // A `schedule` timer belongs to the case, not a state: it stays if its event still exists.
    if (t.state === CASE_TIMER_STATE && !parseTimerEvent(t.eventType) && events.has(t.eventType))
      kept.push(plan(t));
    else cancelled.push({ ...plan(t), id: t.id });
  }

  const top = typeof value === 'string' ? value : undefined;
  return {
    ...base,
    movable: true,
    toState: describeValue(value),
    value,
    data: checked,
    done: top !== undefined && to.states.get(top)?.kind === 'final',
    filled,
    dropped,
    timers: { kept, cancelled, armed },
  };
}
