/**
 * The semantic diff of two versions of a template: what a designer changed, element by element
 * (states, transitions, timers, entry/exit actions, events and their forms, data and parameter
 * fields, roles, ledgers, figures), with both values and where each sits in both YAML sources,
 * and a verdict on what the change means for cases already running on the older version.
 * Pure: the editor shows the same diff the API returns.
 */
import { locatePointer, parseTemplateSource, toPointer } from './parse-template-source.js';
import type { ParsedSource } from './parse-template-source.js';
import { indexStates } from './state-index.js';
import type { JsonSchemaObject, StateDef, Template } from './template.js';
import { toTransitions } from './template.js';

/** What kind of element changed. */
export type TemplateChangeKind =
  | 'template'
  | 'initial'
  | 'state'
  | 'transition'
  | 'timer'
  | 'entry'
  | 'exit'
  | 'event'
  | 'form'
  | 'data'
  | 'parameter'
  | 'role'
  | 'ledger'
  | 'figure';

/** A line and column in one version's YAML. */
export interface SourcePlace {
  pointer: string;
  line?: number;
  col?: number;
}

/** One element added, removed or changed, with both values and both places. */
export interface TemplateChange {
  kind: TemplateChangeKind;
  change: 'added' | 'removed' | 'changed';
  /** Which element: a state id, `state · event`, `state · after[0]`, an event key, a field name… */
  key: string;
  /** The state the element belongs to, for marking the canvas. */
  state?: string;
  /** The event (transitions, forms), for marking the canvas edge. */
  event?: string;
  from?: SourcePlace;
  to?: SourcePlace;
  before?: unknown;
  after?: unknown;
  /** Field-level detail of a change: the properties whose values differ. */
  fields?: string[];
}

/** Why a change matters to cases already running. */
export type ConcernCode =
  | 'state-removed'
  | 'data-required-without-default'
  | 'data-field-stricter'
  | 'form-stricter'
  | 'ledger-removed'
  | 'parameter-required-without-default'
  | 'parameter-stricter';

/** One reason running cases or the programme need attention. */
export interface CompatibilityConcern {
  code: ConcernCode;
  /** `blocking`: a case cannot move without a `stateMap` entry or a data default. */
  severity: 'blocking' | 'check';
  key: string;
  message: { zh: string; en: string };
  to?: SourcePlace;
  from?: SourcePlace;
}

/** The verdict for running cases. */
export interface CompatibilityVerdict {
  /**
   * `compatible`: every running case moves as is; `review`: cases move but some forms, fields or
   * parameters got stricter (the dry run checks each case); `needs-input`: some cases need a
   * `stateMap` or `dataDefaults` entry before they can move.
   */
  verdict: 'compatible' | 'review' | 'needs-input';
  concerns: CompatibilityConcern[];
}

/** The diff of two versions. */
export interface TemplateDiff {
  templateId: string;
  from: number;
  to: number;
  changes: TemplateChange[];
  counts: Record<TemplateChange['change'], number>;
  compatibility: CompatibilityVerdict;
}

/** One side of the diff: the checked template, and its YAML source for locations. */
export interface DiffSide {
  template: Template;
  source?: string;
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** Keys of two records whose values differ, in first-seen order. */
function differingKeys(
  a: object | undefined,
  b: object | undefined,
  skip: string[] = [],
): string[] {
  const ra = (a ?? {}) as Record<string, unknown>;
  const rb = (b ?? {}) as Record<string, unknown>;
  const keys = [...new Set([...Object.keys(ra), ...Object.keys(rb)])];
  return keys.filter((k) => !skip.includes(k) && !same(ra[k], rb[k]));
}

/** A place in one side, located when its source is known. */
function placer(side: DiffSide): (segments: (string | number)[]) => SourcePlace {
  let parsed: ParsedSource | undefined;
  return (segments) => {
    const pointer = toPointer(segments);
    if (side.source === undefined) return { pointer };
    parsed ??= parseTemplateSource(side.source);
    return { pointer, ...locatePointer(parsed, pointer, { key: true }) };
  };
}

/** States' own properties (children, transitions and timers are diffed on their own). */
function ownOf(def: StateDef): Record<string, unknown> {
  const { states: _s, on: _o, after: _a, entry: _e, exit: _x, ...own } = def;
  return { ...own, type: own.type ?? (def.states ? 'compound' : 'atomic') };
}

const lbl = (zh: string, en: string) => ({ zh, en });

/** Is `b` stricter than `a` for values `a` accepted (a field schema, one level)? */
function isStricter(a: JsonSchemaObject, b: JsonSchemaObject): string[] {
  const reasons: string[] = [];
  const num = (s: JsonSchemaObject, k: string) => (typeof s[k] === 'number' ? s[k] : undefined);
  for (const k of ['minimum', 'exclusiveMinimum', 'minLength', 'minItems']) {
    const x = num(a, k);
    const y = num(b, k);
    if (y !== undefined && (x === undefined || y > x)) reasons.push(k);
  }
  for (const k of ['maximum', 'exclusiveMaximum', 'maxLength', 'maxItems', 'multipleOf']) {
    const x = num(a, k);
    const y = num(b, k);
    if (y !== undefined && (x === undefined || y < x || (k === 'multipleOf' && y !== x)))
      reasons.push(k);
  }
  if (!same(a.type, b.type)) reasons.push('type');
  if (b.pattern !== undefined && b.pattern !== a.pattern) reasons.push('pattern');
  if (b.format !== undefined && b.format !== a.format) reasons.push('format');
  if (b.const !== undefined && !same(a.const, b.const)) reasons.push('const');
  if (b.enum && (!a.enum || a.enum.some((v) => !b.enum!.some((w) => same(v, w)))))
    reasons.push('enum');
  return reasons;
}

interface SchemaDiffOut {
  changes: TemplateChange[];
  concerns: CompatibilityConcern[];
}

/** Field-by-field diff of an embedded object schema (`data`, `parameters`, an event's form). */
function diffSchema(
  kind: 'data' | 'parameter' | 'form',
  a: JsonSchemaObject | undefined,
  b: JsonSchemaObject | undefined,
  base: (string | number)[],
  at: { from: ReturnType<typeof placer>; to: ReturnType<typeof placer> },
  event?: string,
): SchemaDiffOut {
  const out: SchemaDiffOut = { changes: [], concerns: [] };
  const pa = a?.properties ?? {};
  const pb = b?.properties ?? {};
  const ra = new Set(a?.required ?? []);
  const rb = new Set(b?.required ?? []);
  const keyOf = (name: string) => (event ? `${event}.${name}` : name);
  const names = [...new Set([...Object.keys(pa), ...Object.keys(pb)])];
  for (const name of names) {
    const x = pa[name];
    const y = pb[name];
    const seg = [...base, 'properties', name];
    const before = x && { ...x, required: ra.has(name) };
    const after = y && { ...y, required: rb.has(name) };
    if (!x && y) {
      out.changes.push({ kind, change: 'added', key: keyOf(name), event, to: at.to(seg), after });
      if (rb.has(name) && y.default === undefined && kind !== 'form')
        out.concerns.push(requiredConcern(kind, keyOf(name), at.to(seg)));
      else if (rb.has(name) && kind === 'form')
        out.concerns.push(stricterConcern(kind, keyOf(name), ['required'], at.to(seg)));
      continue;
    }
    if (x && !y) {
      out.changes.push({
        kind,
        change: 'removed',
        key: keyOf(name),
        event,
        from: at.from(seg),
        before,
      });
      continue;
    }
    if (same(before, after)) continue;
    const fields = differingKeys(before, after);
    out.changes.push({
      kind,
      change: 'changed',
      key: keyOf(name),
      event,
      from: at.from(seg),
      to: at.to(seg),
      before,
      after,
      fields,
    });
    const stricter = isStricter(x!, y!);
    const newlyRequired = !ra.has(name) && rb.has(name);
    if (newlyRequired && y!.default === undefined && kind !== 'form')
      out.concerns.push(requiredConcern(kind, keyOf(name), at.to(seg)));
    else if (stricter.length > 0 || newlyRequired)
      out.concerns.push(
        stricterConcern(
          kind,
          keyOf(name),
          [...(newlyRequired ? ['required'] : []), ...stricter],
          at.to(seg),
        ),
      );
  }
  // Top-level keywords beside the fields (additionalProperties, a title…).
  const topFields = differingKeys(a, b, ['properties', 'required']);
  if (topFields.length > 0 && !(kind === 'form' && (!a || !b)))
    out.changes.push({
      kind,
      change: 'changed',
      key: event ?? '',
      event,
      from: at.from(base),
      to: at.to(base),
      before: Object.fromEntries(topFields.map((k) => [k, a?.[k]])),
      after: Object.fromEntries(topFields.map((k) => [k, b?.[k]])),
      fields: topFields,
    });
  return out;
}

function requiredConcern(
  kind: 'data' | 'parameter' | 'form',
  key: string,
  to: SourcePlace,
): CompatibilityConcern {
  return kind === 'data'
    ? {
        code: 'data-required-without-default',
        severity: 'blocking',
        key,
        to,
        message: lbl(
          `数据字段“${key}”成为必填且没有默认值：迁移时须在 dataDefaults 中给出取值`,
          `Data field "${key}" is now required and has no default: give it in dataDefaults to migrate`,
        ),
      }
    : {
        code: 'parameter-required-without-default',
        severity: 'blocking',
        key,
        to,
        message: lbl(
          `参数“${key}”成为必填且没有默认值：方案须先设置该参数`,
          `Parameter "${key}" is now required and has no default: the programme must set it first`,
        ),
      };
}

function stricterConcern(
  kind: 'data' | 'parameter' | 'form',
  key: string,
  reasons: string[],
  to: SourcePlace,
): CompatibilityConcern {
  const list = reasons.join(', ');
  if (kind === 'form')
    return {
      code: 'form-stricter',
      severity: 'check',
      key,
      to,
      message: lbl(
        `表单字段“${key}”更严格（${list}）：按旧表单填写的内容可能被拒绝`,
        `Form field "${key}" is stricter (${list}): entries made to the old form may be refused`,
      ),
    };
  return kind === 'data'
    ? {
        code: 'data-field-stricter',
        severity: 'check',
        key,
        to,
        message: lbl(
          `数据字段“${key}”更严格（${list}）：试运行逐案检查现有数据`,
          `Data field "${key}" is stricter (${list}): the dry run checks each case's data`,
        ),
      }
    : {
        code: 'parameter-stricter',
        severity: 'check',
        key,
        to,
        message: lbl(
          `参数“${key}”更严格（${list}）：迁移时重新校验方案参数`,
          `Parameter "${key}" is stricter (${list}): the programme's parameters are re-checked`,
        ),
      };
}

/** Diff two keyed records of simple elements (roles, ledgers, figures). */
function diffRecord(
  kind: 'role' | 'ledger' | 'figure' | 'event',
  a: Record<string, unknown> | undefined,
  b: Record<string, unknown> | undefined,
  section: string,
  at: { from: ReturnType<typeof placer>; to: ReturnType<typeof placer> },
  skip: string[] = [],
): TemplateChange[] {
  const out: TemplateChange[] = [];
  const ra = a ?? {};
  const rb = b ?? {};
  for (const key of [...new Set([...Object.keys(ra), ...Object.keys(rb)])]) {
    const x = ra[key];
    const y = rb[key];
    const strip = (v: unknown) =>
      v && typeof v === 'object' && skip.length
        ? Object.fromEntries(Object.entries(v).filter(([k]) => !skip.includes(k)))
        : v;
    const seg = [section, key];
    const ev = kind === 'event' ? { event: key } : {};
    if (x === undefined)
      out.push({ kind, change: 'added', key, ...ev, to: at.to(seg), after: strip(y) });
    else if (y === undefined)
      out.push({ kind, change: 'removed', key, ...ev, from: at.from(seg), before: strip(x) });
    else if (!same(strip(x), strip(y)))
      out.push({
        kind,
        change: 'changed',
        key,
        ...ev,
        from: at.from(seg),
        to: at.to(seg),
        before: strip(x),
        after: strip(y),
        fields:
          typeof x === 'object' && typeof y === 'object'
            ? differingKeys(strip(x) as object, strip(y) as object)
            : [],
      });
  }
  return out;
}

/** Diff the states, their transitions, timers and entry/exit actions. */
function diffStates(
  a: Template,
  b: Template,
  at: { from: ReturnType<typeof placer>; to: ReturnType<typeof placer> },
  out: TemplateChange[],
  concerns: CompatibilityConcern[],
): void {
  const ia = indexStates(a);
  const ib = indexStates(b);
  const segs = (pointer: string) =>
    pointer
      .split('/')
      .slice(1)
      .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
  for (const id of new Set([...ia.keys(), ...ib.keys()])) {
    const x = ia.get(id);
    const y = ib.get(id);
    const from = x && segs(x.pointer);
    const to = y && segs(y.pointer);
    if (!x) {
      out.push({
        kind: 'state',
        change: 'added',
        key: id,
        state: id,
        to: at.to(to!),
        after: ownOf(y!.def),
      });
    } else if (!y) {
      out.push({
        kind: 'state',
        change: 'removed',
        key: id,
        state: id,
        from: at.from(from!),
        before: ownOf(x.def),
      });
      concerns.push({
        code: 'state-removed',
        severity: 'blocking',
        key: id,
        from: at.from(from!),
        message: lbl(
          `状态“${id}”已删除：处于该状态的案件须在 stateMap 中指定去向`,
          `State "${id}" was removed: cases in it need a stateMap entry to move`,
        ),
      });
    } else if (!same(ownOf(x.def), ownOf(y.def))) {
      out.push({
        kind: 'state',
        change: 'changed',
        key: id,
        state: id,
        from: at.from(from!),
        to: at.to(to!),
        before: ownOf(x.def),
        after: ownOf(y.def),
        fields: differingKeys(ownOf(x.def), ownOf(y.def)),
      });
    }
    const da = x?.def ?? {};
    const db = y?.def ?? {};
    // Transitions: one element per (state, event), the ordered list of guarded branches.
    const ona = da.on ?? {};
    const onb = db.on ?? {};
    for (const event of new Set([...Object.keys(ona), ...Object.keys(onb)])) {
      const ta = ona[event] === undefined ? undefined : toTransitions(ona[event]);
      const tb = onb[event] === undefined ? undefined : toTransitions(onb[event]);
      if (same(ta, tb)) continue;
      const key = `${id} · ${event}`;
      const change = !ta ? 'added' : !tb ? 'removed' : 'changed';
      out.push({
        kind: 'transition',
        change,
        key,
        state: id,
        event,
        ...(ta && { from: at.from([...from!, 'on', event]), before: ta }),
        ...(tb && { to: at.to([...to!, 'on', event]), after: tb }),
        ...(ta && tb && { fields: branchFields(ta, tb) }),
      });
    }
    // Timers: by position in `after`, the order a designer reads them.
    const aa = da.after ?? [];
    const ab = db.after ?? [];
    for (let i = 0; i < Math.max(aa.length, ab.length); i++) {
      if (same(aa[i], ab[i])) continue;
      const change = !aa[i] ? 'added' : !ab[i] ? 'removed' : 'changed';
      out.push({
        kind: 'timer',
        change,
        key: `${id} · after[${i}]`,
        state: id,
        ...(aa[i] && { from: at.from([...from!, 'after', i]), before: aa[i] }),
        ...(ab[i] && { to: at.to([...to!, 'after', i]), after: ab[i] }),
        ...(aa[i] && ab[i] && { fields: differingKeys(aa[i], ab[i]) }),
      });
    }
    for (const kind of ['entry', 'exit'] as const) {
      const xa = da[kind];
      const xb = db[kind];
      if (same(xa, xb)) continue;
      out.push({
        kind,
        change: !xa ? 'added' : !xb ? 'removed' : 'changed',
        key: `${id} · ${kind}`,
        state: id,
        ...(xa && { from: at.from([...from!, kind]), before: xa }),
        ...(xb && { to: at.to([...to!, kind]), after: xb }),
      });
    }
  }
}

/** Which branches and which of their fields differ: `[1].guard`, `[0].target`, `[2]`. */
function branchFields(a: unknown[], b: unknown[]): string[] {
  const fields: string[] = [];
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    if (same(a[i], b[i])) continue;
    if (!a[i] || !b[i]) fields.push(`[${i}]`);
    else for (const k of differingKeys(a[i] as object, b[i] as object)) fields.push(`[${i}].${k}`);
  }
  return fields;
}

/** Compare version `older` with version `newer` of one template. */
export function diffTemplates(older: DiffSide, newer: DiffSide): TemplateDiff {
  const a = older.template;
  const b = newer.template;
  const at = { from: placer(older), to: placer(newer) };
  const changes: TemplateChange[] = [];
  const concerns: CompatibilityConcern[] = [];

  const head = differingKeys(
    { title: a.title, description: a.description, gallery: a.gallery },
    { title: b.title, description: b.description, gallery: b.gallery },
  );
  if (head.length > 0)
    changes.push({
      kind: 'template',
      change: 'changed',
      key: b.id,
      from: at.from([]),
      to: at.to([]),
      before: Object.fromEntries(head.map((k) => [k, a[k as keyof Template]])),
      after: Object.fromEntries(head.map((k) => [k, b[k as keyof Template]])),
      fields: head,
    });
  if (a.initial !== b.initial)
    changes.push({
      kind: 'initial',
      change: 'changed',
      key: 'initial',
      from: at.from(['initial']),
      to: at.to(['initial']),
      before: a.initial,
      after: b.initial,
    });
  diffStates(a, b, at, changes, concerns);

  changes.push(...diffRecord('event', a.events, b.events, 'events', at, ['form']));
  for (const event of new Set([...Object.keys(a.events ?? {}), ...Object.keys(b.events ?? {})])) {
    const fa = a.events?.[event]?.form;
    const fb = b.events?.[event]?.form;
    if (same(fa, fb)) continue;
    const d = diffSchema('form', fa, fb, ['events', event, 'form'], at, event);
    changes.push(...d.changes);
    // A form on an event that had none refuses payloads that used to pass only if it requires.
    concerns.push(...(a.events?.[event] ? d.concerns : []));
  }
  for (const [kind, section] of [
    ['data', 'data'],
    ['parameter', 'parameters'],
  ] as const) {
    const d = diffSchema(kind, a[section], b[section], [section], at);
    changes.push(...d.changes);
    concerns.push(...d.concerns);
  }
  changes.push(...diffRecord('role', a.roles, b.roles, 'roles', at));
  const ledgers = diffRecord('ledger', a.ledgers, b.ledgers, 'ledgers', at);
  changes.push(...ledgers);
  for (const l of ledgers.filter((c) => c.change === 'removed'))
    concerns.push({
      code: 'ledger-removed',
      severity: 'check',
      key: l.key,
      from: l.from,
      message: lbl(
        `台账“${l.key}”已删除：其余额和流水不再使用`,
        `Ledger "${l.key}" was removed: its balance and entries are no longer used`,
      ),
    });
  changes.push(...diffRecord('figure', a.figures, b.figures, 'figures', at));

  const counts = { added: 0, removed: 0, changed: 0 };
  for (const c of changes) counts[c.change]++;
  const verdict = concerns.some((c) => c.severity === 'blocking')
    ? 'needs-input'
    : concerns.length > 0
      ? 'review'
      : 'compatible';
  return {
    templateId: b.id,
    from: a.version,
    to: b.version,
    changes,
    counts,
    compatibility: { verdict, concerns },
  };
}
