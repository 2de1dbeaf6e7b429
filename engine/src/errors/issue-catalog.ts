/**
 * The one catalog of template findings. The CLI, the API and the editor all print these messages,
 * so a designer reads the same sentence wherever a problem shows up. Each message says what is
 * wrong and how to fix it.
 */

/** Everything a finding may need to phrase its message. */
export interface IssueArgs {
  name?: string;
  expected?: string;
  found?: string;
  known?: readonly string[];
  detail?: string;
  limit?: number;
}

const list = (names: readonly string[] | undefined): string =>
  names && names.length > 0 ? names.join(', ') : '(none declared)';

/** Codes are stable: tools and tests match on them. */
export const issueCatalog = {
  'file-unreadable': {
    severity: 'error',
    message: (a: IssueArgs) => `cannot read the file: ${a.detail}; check the path and permissions.`,
  },
  'yaml-syntax': {
    severity: 'error',
    message: (a: IssueArgs) =>
      `YAML does not parse: ${a.detail}. Fix the indentation or quoting near this point.`,
  },
  'yaml-duplicate-key': {
    severity: 'error',
    message: (a: IssueArgs) =>
      `key '${a.name}' appears twice in the same map; keep one (YAML maps cannot repeat a key).`,
  },
  'yaml-tab': {
    severity: 'error',
    message: (a: IssueArgs) =>
      `tab character used for indentation${a.limit && a.limit > 1 ? ` (on ${a.limit} lines, the first one here)` : ''}; YAML indents with spaces only: replace the tabs with spaces.`,
  },
  'yaml-cascade': {
    severity: 'error',
    zh: '后面还有更多 YAML 错误，先改正前面的',
    message: (a: IssueArgs) =>
      `${a.limit} more YAML problems follow, most likely caused by the ones above; fix those first and validate again.`,
  },
  'yaml-alias-limit': {
    severity: 'error',
    message: (a: IssueArgs) =>
      `too many YAML aliases (more than ${a.limit}); write the content out instead of repeating anchors.`,
  },
  'yaml-flow-comma': {
    severity: 'error',
    zh: '花括号 { … } 里的逗号把文字截断了：请给含逗号的文字加引号',
    message: (a: IssueArgs) =>
      `the text of '${a.name}' contains a comma inside \`{ … }\`, where a comma ends the entry, so it was cut off and the rest read as keys; put the text in quotes: ${a.name}: "${a.found?.replace(/["\\]/g, '\\$&')}" (or write the map one key per line).`,
  },
  'yaml-not-map': {
    severity: 'error',
    message: () => 'a template must be a YAML map starting with `dsl: relief/v1`.',
  },
  'schema-required': {
    severity: 'error',
    message: (a: IssueArgs) => `missing required key '${a.name}'; add it here.`,
  },
  'schema-unknown-key': {
    severity: 'error',
    message: (a: IssueArgs) =>
      `unknown key '${a.name}'${a.known && a.known.length > 0 ? `; expected one of: ${list(a.known)}` : ''} (extension keys must start with 'x-').`,
  },
  'schema-type': {
    severity: 'error',
    message: (a: IssueArgs) => `expected ${a.expected} here, found ${a.found}.`,
  },
  'schema-value': { severity: 'error', message: (a: IssueArgs) => `invalid value: ${a.detail}.` },
  'schema-label': {
    severity: 'error',
    message: () => 'a label is a plain string or a map { zh: …, en: … } with both languages.',
  },
  'schema-action': {
    severity: 'error',
    message: (a: IssueArgs) =>
      `an action is a map with exactly one of: set, ledger, notify, emit, assign, schedule${a.found ? ` (found: ${a.found})` : ''}.`,
  },
  'invalid-json-schema': {
    severity: 'error',
    message: (a: IssueArgs) => `this JSON Schema is not valid: ${a.detail}.`,
  },
  'invalid-default': {
    severity: 'error',
    message: (a: IssueArgs) => `default of '${a.name}' does not match its own schema: ${a.detail}.`,
  },
  'unknown-target': {
    severity: 'error',
    message: (a: IssueArgs) =>
      `transition target '${a.name}' is not a state; use a sibling state's key or a dotted path from the top. Known states: ${list(a.known)}.`,
  },
  'undeclared-event': {
    severity: 'error',
    message: (a: IssueArgs) =>
      `event '${a.name}' is not declared; add it under 'events:' (declared: ${list(a.known)}).`,
  },
  'undeclared-role': {
    severity: 'error',
    message: (a: IssueArgs) =>
      `role '${a.name}' is not declared; add it under 'roles:' (declared: ${list(a.known)}).`,
  },
  'visible-to-undeclared-role': {
    severity: 'error',
    zh: 'x-relief-visible-to 中的角色未在 roles 中声明',
    message: (a: IssueArgs) =>
      `role '${a.name}' in x-relief-visible-to is not declared; declare it under 'roles:' or use one of: ${list(a.known)}.`,
  },
  'visible-to-without-sensitivity': {
    severity: 'warning',
    zh: '字段没有 x-relief-sensitivity 标记，x-relief-visible-to 不起作用',
    message: (a: IssueArgs) =>
      `field '${a.name}' lists x-relief-visible-to but has no x-relief-sensitivity, so every role still sees it; mark it personal, sensitive or minor, or remove the list.`,
  },
  'sensitive-visible-to-all': {
    severity: 'warning',
    zh: '敏感字段对所有角色可见：请用 x-relief-visible-to 限定需要知道的角色',
    message: (a: IssueArgs) =>
      `field '${a.name}' is marked ${a.found} but every programme role may read it; list only the roles that need it in x-relief-visible-to (here or as the default on 'data').`,
  },
  'undeclared-ledger': {
    severity: 'error',
    message: (a: IssueArgs) =>
      `ledger '${a.name}' is not declared; add it under 'ledgers:' (declared: ${list(a.known)}).`,
  },
  'unknown-data-field': {
    severity: 'error',
    message: (a: IssueArgs) =>
      `'set' names '${a.name}', which is not a field of 'data'; declare it under data.properties (fields: ${list(a.known)}).`,
  },
  'initial-missing': {
    severity: 'error',
    message: (a: IssueArgs) =>
      a.name
        ? `initial state '${a.name}' is not one of this level's states (${list(a.known)}).`
        : `a state with child states needs 'initial:' naming one of them (${list(a.known)}).`,
  },
  'initial-on-parallel': {
    severity: 'error',
    message: () => "a parallel state enters all its regions at once; remove 'initial:'.",
  },
  'parallel-without-regions': {
    severity: 'error',
    message: () => "a parallel state needs 'states:' with at least two regions.",
  },
  'final-with-children': {
    severity: 'error',
    message: () => "a final state cannot have child states; remove 'states:' or 'type: final'.",
  },
  'final-has-transitions': {
    severity: 'error',
    message: (a: IssueArgs) =>
      `final state has '${a.name}'; nothing leaves a final state, so remove it or make the state non-final.`,
  },
  'unreachable-state': {
    severity: 'warning',
    message: (a: IssueArgs) =>
      `state '${a.name}' can never be reached; add a transition to it or remove it.`,
  },
  'dead-end': {
    severity: 'warning',
    message: (a: IssueArgs) =>
      `state '${a.name}' has no way out and is not final; add a transition or mark it 'type: final'.`,
  },
  'ledger-amount-unsigned': {
    severity: 'warning',
    zh: '台账金额取自事件表单，但没有限制正负：负数会反向记账（如给资金加钱）',
    message: (a: IssueArgs) =>
      `ledger '${a.expected}' moves by event.${a.name}, but nothing keeps it from being negative, which would move the ledger the other way (a negative payment credits the fund); give the form field \`minimum: 0\` (or \`exclusiveMinimum: 0\`), or guard the transition with \`event.${a.name} > 0\`.`,
  },
  'timer-self-loop': {
    severity: 'warning',
    zh: '计时器回到本状态，而本状态没有任何事件能离开：计时器会无休止地触发',
    message: (a: IssueArgs) =>
      `this timer re-enters state '${a.name}', which re-arms it, and no event or other timer leaves '${a.name}': it would fire again and again forever; give the timer another target, or add an event that leaves the state.`,
  },
  'shadowed-transition': {
    severity: 'warning',
    message: () =>
      'this transition is never tried: an earlier one in the list has no guard and always wins; move it up or add a guard to the earlier one.',
  },
  'invalid-duration': {
    severity: 'error',
    message: (a: IssueArgs) =>
      `'${a.found}' is not an ISO 8601 duration; write e.g. PT30M, PT1H, P1D or P3D.`,
  },
  'figure-measure': {
    severity: 'error',
    zh: '数字需且只需 count、sum、ledger 之一',
    message: (a: IssueArgs) =>
      `a figure measures exactly one of: count, sum, ledger${a.found ? ` (found: ${a.found})` : ''}; keep one.`,
  },
  'figure-sum-shape': {
    severity: 'error',
    zh: '求和要写 { data: 字段 } 或 { event: 事件, field: 字段 }',
    message: (a: IssueArgs) =>
      `a sum adds up either a data field, \`sum: { data: amount }\`, or an event's payload field, \`sum: { event: commit, field: quantity }\`${a.found ? ` (found: ${a.found})` : ''}.`,
  },
  'figure-unknown-field': {
    severity: 'error',
    zh: '数字引用的字段未声明',
    message: (a: IssueArgs) =>
      `'${a.name}' is not a field of ${a.expected}; declare it there or use one of: ${list(a.known)}.`,
  },
  'figure-not-numeric': {
    severity: 'error',
    zh: '求和的字段必须是数字（integer 或 number）',
    message: (a: IssueArgs) =>
      `'${a.name}' is ${a.found}, so it cannot be summed; sum a field of type integer or number (numeric fields: ${list(a.known)}).`,
  },
  'figure-event-without-form': {
    severity: 'error',
    zh: '事件没有表单，无法对其字段求和',
    message: (a: IssueArgs) =>
      `event '${a.name}' has no form, so its payload has no field to sum; add a form with a numeric field, or count the event with \`count: { event: ${a.name} }\`.`,
  },
  'figure-where-on-ledger': {
    severity: 'error',
    zh: '台账数字不能加 where 条件',
    message: () =>
      "'where' selects cases, but ledger movements are counted for the whole programme; remove 'where' or count cases instead.",
  },
  'expr-syntax': {
    severity: 'error',
    message: (a: IssueArgs) => `expression does not parse: ${a.detail}.`,
  },
  'expr-unknown-name': { severity: 'error', message: (a: IssueArgs) => `${a.detail}.` },
  'expr-type': { severity: 'error', message: (a: IssueArgs) => `${a.detail}.` },
  'expr-cost': {
    severity: 'error',
    message: (a: IssueArgs) => `${a.detail}.`,
    zh: '表达式计算量超出限额（最多 100,000 步）：请减少遍历的元素，或不要嵌套 map/filter',
  },
  'expr-cost-unbounded': {
    severity: 'warning',
    message: (a: IssueArgs) => `${a.detail}.`,
    zh: '嵌套遍历长度未知的列表，计算量可能过大：请为列表声明 maxItems',
  },
  'regex-unsupported': {
    severity: 'error',
    message: (a: IssueArgs) => `${a.detail}.`,
    zh: '正则表达式无法在线性时间引擎上运行（不支持反向引用和先行、后行断言）',
  },
} as const;

/** A stable finding code. */
export type IssueCode = keyof typeof issueCatalog;
/** Codes whose catalog entry carries its short Chinese summary (`zh`); the editor words the rest. */
export type IssueCodeWithSummaryZh = {
  [K in IssueCode]: (typeof issueCatalog)[K] extends { zh: string } ? K : never;
}[IssueCode];
/** Errors block compile; warnings are shown but do not. */
export type IssueSeverity = 'error' | 'warning';

/** A located finding about a template: collected, never thrown. */
export interface TemplateIssue {
  code: IssueCode;
  severity: IssueSeverity;
  message: string;
  /** JSON pointer into the template (RFC 6901). */
  pointer: string;
  /** 1-based line and column of the offending node in the YAML source. */
  line: number;
  col: number;
  /**
   * What the message was phrased from (names, the known names, found and expected), so a user
   * interface can phrase the same finding in its own language from `code` and these.
   */
  args?: IssueArgs;
}

/** Phrase a finding from the catalog (with the arguments it was phrased from). */
export function describeIssue(
  code: IssueCode,
  args: IssueArgs = {},
): { severity: IssueSeverity; message: string; args: IssueArgs } {
  const entry = issueCatalog[code];
  return { severity: entry.severity, message: entry.message(args), args };
}

/** The short Chinese summary of a code, for codes whose catalog entry carries one. */
export function issueSummaryZh(code: IssueCode): string | undefined {
  const entry: { severity: IssueSeverity; zh?: string } = issueCatalog[code];
  return entry.zh;
}
