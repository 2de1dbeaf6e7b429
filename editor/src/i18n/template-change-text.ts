/**
 * One change of the engine's semantic diff (`diffTemplates`, `GET /templates/{id}/diff`) in words
 * a designer or an admin reads: what changed by its titles (已入册 › 联系不上 · 重试), and the
 * field-level detail (去向：已送到小区门口 → 已重新加热), with each differing property's old and new
 * value. Chinese first; in Chinese mode no English property name is shown.
 */
import type { Template } from '@relief/engine';
import { humanDuration } from '../model/duration.js';
import type { Lang } from '../model/index.js';
import { eventTitle, stateTitle } from '../console/template-info.js';
import { pickLabel } from '../shell/pick-label.js';

/** What the describer needs of one change (the engine's and the API's shapes both fit). */
export interface ChangeLike {
  kind: string;
  change: 'added' | 'removed' | 'changed';
  key: string;
  state?: string;
  event?: string;
  before?: unknown;
  after?: unknown;
  fields?: string[];
}

/** Property names a diff reports, in both languages. */
const PROPERTY: Record<string, { zh: string; en: string }> = {
  target: { zh: '去向', en: 'target' },
  guard: { zh: '条件', en: 'condition' },
  actions: { zh: '动作', en: 'actions' },
  title: { zh: '名称', en: 'title' },
  description: { zh: '说明', en: 'description' },
  roles: { zh: '可操作角色', en: 'roles' },
  delay: { zh: '期限', en: 'delay' },
  minimum: { zh: '最小值', en: 'minimum' },
  maximum: { zh: '最大值', en: 'maximum' },
  exclusiveMinimum: { zh: '下限', en: 'exclusive minimum' },
  exclusiveMaximum: { zh: '上限', en: 'exclusive maximum' },
  minLength: { zh: '最少字数', en: 'minimum length' },
  maxLength: { zh: '最多字数', en: 'maximum length' },
  minItems: { zh: '最少项数', en: 'minimum items' },
  maxItems: { zh: '最多项数', en: 'maximum items' },
  pattern: { zh: '格式', en: 'pattern' },
  format: { zh: '格式', en: 'format' },
  required: { zh: '必填', en: 'required' },
  default: { zh: '默认值', en: 'default' },
  type: { zh: '类型', en: 'type' },
  enum: { zh: '可选值', en: 'choices' },
  const: { zh: '固定值', en: 'constant' },
  items: { zh: '列表项', en: 'items' },
  opening: { zh: '期初余额', en: 'opening balance' },
  unit: { zh: '单位', en: 'unit' },
  gallery: { zh: '模板库介绍', en: 'gallery entry' },
  initial: { zh: '初始状态', en: 'initial state' },
  states: { zh: '子状态', en: 'sub-states' },
  on: { zh: '事件', en: 'events' },
  after: { zh: '计时器', en: 'timers' },
  entry: { zh: '进入动作', en: 'entry actions' },
  exit: { zh: '离开动作', en: 'exit actions' },
  tags: { zh: '标签', en: 'tags' },
  form: { zh: '表单', en: 'form' },
  count: { zh: '计数方式', en: 'count' },
  sum: { zh: '求和方式', en: 'sum' },
  ledger: { zh: '台账', en: 'ledger' },
  where: { zh: '筛选条件', en: 'filter' },
  by: { zh: '分组', en: 'breakdown' },
  additionalProperties: { zh: '其他字段', en: 'other fields' },
  'x-relief-sensitivity': { zh: '敏感程度', en: 'sensitivity' },
  'x-relief-visible-to': { zh: '可见角色', en: 'visible to' },
  'x-relief-retention': { zh: '保留期限', en: 'retention' },
  'x-layout': { zh: '画布位置', en: 'canvas position' },
};

/**
 * A transition's target as a state path: `atGate` from `enrolled.failed` is the sibling
 * `enrolled.atGate`; otherwise the nearest ancestor's child, or the path as written.
 */
export function resolveTarget(template: Template | undefined, from: string, target: string) {
  const parts = from.split('.');
  for (let i = parts.length - 1; i >= 0; i--) {
    const path = [...parts.slice(0, i), target].join('.');
    if (stateExists(template, path)) return path;
  }
  return target;
}

function stateExists(template: Template | undefined, path: string): boolean {
  let states = template?.states;
  for (const key of path.split('.')) {
    const def = states?.[key];
    if (!def) return false;
    states = def.states;
  }
  return true;
}

/** `[0].target` → 去向 (第 1 条); `minimum` → 最小值; an unknown property → 其他属性 in Chinese. */
export function propertyName(path: string, lang: Lang, branches = 2): string {
  const parts = path.split(/\.|(?=\[)/).filter(Boolean);
  const names = parts
    .filter((p) => !p.startsWith('['))
    .map((p) => PROPERTY[p]?.[lang] ?? (lang === 'zh' ? '其他属性' : p));
  const branch = /^\[(\d+)\]/.exec(parts[0] ?? '')?.[1];
  const name = names.length ? names[names.length - 1]! : lang === 'zh' ? '分支' : 'branch';
  if (branch === undefined || branches < 2) return name;
  const n = Number(branch) + 1;
  return lang === 'zh' ? `${name}（第 ${n} 条）` : `${name} (branch ${n})`;
}

/** The value at `[0].target` / `minimum` / `title.zh` inside `value`. */
export function valueAt(value: unknown, path: string): unknown {
  let at = value;
  for (const part of path.split(/\.|\[|\]/).filter(Boolean)) {
    if (at === null || typeof at !== 'object') return undefined;
    at = (at as Record<string, unknown>)[part];
  }
  return at;
}

const fieldSchema = (schema: Template['data'], name: string) => schema?.properties?.[name];

/** The side of the diff an element is read from: the newer, or the older when it was removed. */
const sideOf = (c: ChangeLike, older?: Template, newer?: Template) =>
  c.change === 'removed' ? older : newer;

/** What changed, by its titles: 已入册 › 联系不上 · 重试; 过敏食物; 申请 · 年龄. */
export function changeSubject(
  c: ChangeLike,
  older: Template | undefined,
  newer: Template | undefined,
  lang: Lang,
): string {
  const side = sideOf(c, older, newer) ?? newer ?? older;
  const state = (path: string | undefined) => (path ? stateTitle(side, path, lang) : '');
  const sep = ' · ';
  switch (c.kind) {
    case 'state':
      return state(c.key);
    case 'transition':
      return `${state(c.state)}${sep}${eventTitle(side, c.event ?? c.key, lang)}`;
    case 'timer': {
      const n = Number(/after\[(\d+)\]/.exec(c.key)?.[1] ?? 0) + 1;
      return `${state(c.state)}${sep}${lang === 'zh' ? `第 ${n} 个计时器` : `timer ${n}`}`;
    }
    case 'entry':
    case 'exit':
      return state(c.state);
    case 'event':
      return eventTitle(side, c.key, lang);
    case 'form': {
      const event = c.event ?? '';
      const name = c.key.slice(event.length + 1);
      if (!name) return eventTitle(side, event, lang);
      const field = fieldSchema(side?.events?.[event]?.form, name);
      return `${eventTitle(side, event, lang)}${sep}${pickLabel(field?.title, lang, name)}`;
    }
    case 'data':
      return pickLabel(fieldSchema(side?.data, c.key)?.title, lang, c.key);
    case 'parameter':
      return pickLabel(fieldSchema(side?.parameters, c.key)?.title, lang, c.key);
    case 'role':
      return pickLabel(side?.roles?.[c.key], lang, c.key);
    case 'ledger':
      return pickLabel(side?.ledgers?.[c.key]?.title, lang, c.key);
    case 'figure':
      return pickLabel(side?.figures?.[c.key]?.title, lang, c.key);
    case 'initial':
      return lang === 'zh' ? '初始状态' : 'initial state';
    default:
      return pickLabel(side?.title, lang, c.key);
  }
}

/** A value in one short line: a label by its language, a duration in words, a list joined. */
export function shortValue(
  value: unknown,
  lang: Lang,
  template?: Template,
  property?: string,
  from?: string,
): string {
  if (value === undefined || value === null) return '—';
  if (property === 'target' && typeof value === 'string')
    return stateTitle(template, from ? resolveTarget(template, from, value) : value, lang);
  if (property === 'delay' && typeof value === 'string') return humanDuration(value, lang);
  if (typeof value === 'boolean') return lang === 'zh' ? (value ? '是' : '否') : String(value);
  if (typeof value === 'string' || typeof value === 'number') return String(value);
  if (Array.isArray(value))
    return value.map((v) => shortValue(v, lang, template)).join(lang === 'zh' ? '、' : ', ');
  const label = pickLabel(value, lang);
  if (label) return label;
  const text = JSON.stringify(value);
  return text.length > 80 ? `${text.slice(0, 77)}…` : text;
}

/** One differing property: its name, and its old and new value in words. */
export interface PropertyChange {
  path: string;
  name: string;
  before: string;
  after: string;
}

/** Field-level detail of a change: each differing property with its old and new value. */
export function propertyChanges(
  c: ChangeLike,
  older: Template | undefined,
  newer: Template | undefined,
  lang: Lang,
): PropertyChange[] {
  if (c.change !== 'changed') return [];
  if (!c.fields?.length)
    return [
      {
        path: '',
        name: lang === 'zh' ? '取值' : 'value',
        before: shortValue(c.before, lang, older, c.kind === 'initial' ? 'target' : undefined),
        after: shortValue(c.after, lang, newer, c.kind === 'initial' ? 'target' : undefined),
      },
    ];
  const branches = Math.max(
    Array.isArray(c.before) ? c.before.length : 0,
    Array.isArray(c.after) ? c.after.length : 0,
  );
  return c.fields.map((path) => {
    const last = path
      .split(/\.|(?=\[)/)
      .filter((p) => !p.startsWith('['))
      .pop();
    return {
      path,
      name: propertyName(path, lang, branches),
      before: shortValue(valueAt(c.before, path), lang, older, last, c.state),
      after: shortValue(valueAt(c.after, path), lang, newer, last, c.state),
    };
  });
}

/** The detail in one line: 去向：A → B；条件：… → … (empty when added or removed). */
export function changeDetail(
  c: ChangeLike,
  older: Template | undefined,
  newer: Template | undefined,
  lang: Lang,
): string {
  const colon = lang === 'zh' ? '：' : ': ';
  return propertyChanges(c, older, newer, lang)
    .map((p) => `${p.name}${colon}${p.before} → ${p.after}`)
    .join(lang === 'zh' ? '；' : '; ');
}
