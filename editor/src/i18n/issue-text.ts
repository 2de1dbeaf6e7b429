/**
 * A finding in the designer's language. The engine's catalog phrases the full message in English
 * (shared with the CLI and the API); the Chinese UI shows no English: the code's Chinese summary,
 * then the names the finding was phrased from (`args`) through the one message catalog, and an
 * expression's check in Chinese (`exprProblemText`).
 */
import { EXPR_PROBLEM_CODES, issueSummaryZh } from '@relief/engine';
import type { IssueArgs, IssueCode, IssueCodeWithSummaryZh } from '@relief/engine';
import { translate } from './messages.js';
import type { MessageKey } from './messages.js';

/**
 * Every code has its Chinese summary in exactly one place: here, or (newer codes) in the engine's
 * catalog. The type makes the table exhaustive: a new code without a catalog `zh` is a compile
 * error until it is worded here, and a code worded in both places is one too.
 */
const zh: Record<Exclude<IssueCode, IssueCodeWithSummaryZh>, string> = {
  'file-unreadable': '文件无法读取',
  'yaml-syntax': 'YAML 格式错误',
  'yaml-duplicate-key': '同一层出现重复的键',
  'yaml-tab': '不能用 Tab 缩进，请用空格',
  'yaml-alias-limit': 'YAML 别名过多',
  'yaml-not-map': '模板必须是以 dsl: relief/v1 开头的映射',
  'schema-required': '缺少必填项',
  'schema-unknown-key': '未知的键',
  'schema-type': '类型不对',
  'schema-value': '取值无效',
  'schema-label': '名称需是文字，或同时有中文 zh 和英文 en',
  'schema-action': '动作写法不对',
  'invalid-json-schema': '字段定义（JSON Schema）无效',
  'invalid-default': '默认值不符合字段定义',
  'unknown-target': '流转的目标状态不存在',
  'undeclared-event': '事件未在 events 中声明',
  'undeclared-role': '角色未在 roles 中声明',
  'undeclared-ledger': '台账未在 ledgers 中声明',
  'unknown-data-field': '设置了个案数据中不存在的字段',
  'initial-missing': '缺少或写错了初始状态',
  'initial-on-parallel': '并行状态不需要初始状态',
  'parallel-without-regions': '并行状态至少需要两个区域',
  'final-with-children': '结束状态不能有子状态',
  'final-has-transitions': '结束状态不能再流转',
  'unreachable-state': '这个状态永远到达不了',
  'dead-end': '这个状态没有出口，也不是结束状态',
  'shadowed-transition': '这条流转永远不会被尝试',
  'invalid-duration': '时长格式不对（如 PT30M、P1D）',
  'expr-syntax': '表达式写法有误',
  'expr-unknown-name': '表达式用了未声明的名称',
  'expr-type': '表达式类型不对',
};

/** A finding code's short Chinese summary. */
export function issueSummary(code: IssueCode): string {
  return (code in zh ? zh[code as keyof typeof zh] : issueSummaryZh(code)) ?? code;
}

/** The finding as the UI shows it in `lang` (in Chinese: no English engine text). */
export function issueText(
  issue: { code: IssueCode; message: string; args?: IssueArgs },
  lang: 'zh' | 'en',
): string {
  if (lang === 'en') return issue.message;
  const summary = issueSummary(issue.code);
  const detail = issueDetailZh(issue.code, issue.args ?? {});
  return detail ? `${summary}：${detail}` : summary;
}

/**
 * The engine's own sentence, for the Chinese UI to show beside its text (as code, in English)
 * when that text says less: a finding whose `detail` only the engine words (a YAML parser's or
 * JSON Schema's message, an expression check of a shape without Chinese). Undefined otherwise,
 * and in English (where the text is the engine's sentence already).
 */
export function issueEngineText(
  issue: { code: IssueCode; message: string; args?: IssueArgs },
  lang: 'zh' | 'en',
): string | undefined {
  const detail = issue.args?.detail;
  if (lang === 'en' || !detail) return undefined;
  if (EXPRESSION_CODES.has(issue.code) && exprDetailZh(detail) !== undefined) return undefined;
  return issue.message;
}

const EXPRESSION_CODES = new Set<IssueCode>(['expr-syntax', 'expr-unknown-name', 'expr-type']);
/** Codes whose `found` is a type name from the schema (`string`, `object`…). */
const TYPE_CODES = new Set<IssueCode>(['schema-type']);

/** The names a finding was phrased from, in Chinese; empty when it has none worth saying. */
function issueDetailZh(code: IssueCode, a: IssueArgs): string {
  if (EXPRESSION_CODES.has(code)) return a.detail ? (exprDetailZh(a.detail) ?? '') : '';
  const parts: string[] = [];
  if (a.name) parts.push(translate('zh', 'issue.name', { name: a.name }));
  if (TYPE_CODES.has(code) && a.expected && a.found)
    parts.push(
      translate('zh', 'issue.expected', { expected: typeZh(a.expected), found: typeZh(a.found) }),
    );
  else if (a.found && !a.name && code !== 'schema-action')
    parts.push(translate('zh', 'issue.found', { found: a.found }));
  if (a.known)
    parts.push(
      a.known.length > 0
        ? translate('zh', 'issue.known', { list: a.known.join('、') })
        : translate('zh', 'issue.noneKnown'),
    );
  if (code === 'yaml-cascade' && a.limit) parts.push(translate('zh', 'issue.more', { n: a.limit }));
  return parts.join('；');
}

/** A JSON Schema type name (`string`, `object`, `integer or string`) in Chinese. */
function typeZh(names: string): string {
  return names
    .split(/\s*(?:,|\bor\b)\s*/)
    .filter(Boolean)
    .map((n) => {
      const key = KIND_KEYS[n.replace(/^an? /, '')];
      return key ? translate('zh', key) : n;
    })
    .join(' / ');
}

const KIND_KEYS: Record<string, MessageKey> = {
  string: 'typeString',
  integer: 'typeInteger',
  number: 'typeNumber',
  boolean: 'typeBoolean',
  object: 'kind.object',
  map: 'kind.object',
  array: 'kind.array',
  list: 'kind.array',
  null: 'kind.null',
};

/** A CEL type (`int`, `string`, `list(int)`) in words. */
function celTypeText(type: string, lang: 'zh' | 'en'): string {
  const base = type.replace(/\(.*$/, '');
  const key = `celType.${base}`;
  return key in CEL_KEYS ? translate(lang, key as MessageKey) : type;
}
const CEL_KEYS = Object.fromEntries(
  [
    'bool',
    'int',
    'uint',
    'double',
    'string',
    'list',
    'map',
    'timestamp',
    'duration',
    'null_type',
  ].map((k) => [`celType.${k}`, true]),
);

/**
 * An expression checker's message (English) in Chinese, for the shapes it writes; undefined for
 * one it has no Chinese for (the caller then shows only the code's summary).
 */
export function exprDetailZh(detail: string): string | undefined {
  const list = (text: string) =>
    text.trim() === '(none)' || text.trim() === '(none declared)'
      ? translate('zh', 'issue.noneKnown')
      : text.split(/,\s*/).join('、');
  let hit = /^unknown field '([^']+)' on ([^;]+); declared fields: (.*)$/.exec(detail);
  if (hit)
    return translate('zh', 'expr.unknownField', {
      name: hit[1]!,
      owner: hit[2]!,
      list: list(hit[3]!),
    });
  hit = /^unknown field '([^']+)' on event; there is no event payload/.exec(detail);
  if (hit) return translate('zh', 'expr.noPayload', { name: hit[1]! });
  hit = /^unknown name '([^']+)'/.exec(detail);
  if (hit) return translate('zh', 'expr.unknownName', { name: hit[1]! });
  hit = /^unknown ledger '([^']+)'; declared ledgers: (.*)$/.exec(detail);
  if (hit) return translate('zh', 'expr.unknownLedger', { name: hit[1]!, list: list(hit[2]!) });
  hit = /^unknown function '([^']+)'/.exec(detail);
  if (hit) return translate('zh', 'expr.unknownFunction', { name: hit[1]! });
  hit = /^'now' is a timestamp and has no field '([^']+)'/.exec(detail);
  if (hit) return translate('zh', 'expr.nowField', { name: hit[1]! });
  hit = /^expected (a condition|a number)[^,]*, but this expression gives (.+)$/.exec(detail);
  if (hit)
    return translate('zh', hit[1] === 'a number' ? 'expr.wantNumber' : 'expr.wantBool', {
      type: celTypeText(hit[2]!, 'zh'),
    });
  hit = /^(?:found )?no (?:such|matching) overload(?: for)?:?\s*'?(.+?)'?$/i.exec(detail);
  if (hit)
    return translate('zh', 'expr.overload', {
      types: hit[1]!.replace(/\bint\b|\bdouble\b|\bstring\b|\bbool\b/g, (t) =>
        celTypeText(t, 'zh'),
      ),
    });
  hit = /^Unexpected (?:token|character)[^:]*:\s*(EOF|'?(.+?)'?)\s*$/i.exec(detail);
  if (hit)
    return hit[1] === 'EOF'
      ? translate('zh', 'expr.syntaxEnd')
      : translate('zh', 'expr.syntax', { near: hit[2] ?? hit[1]! });
  if (/Unexpected end|EOF/i.test(detail)) return translate('zh', 'expr.syntaxEnd');
  return undefined;
}

/** A live expression check's message in `lang` (no English in Chinese). */
export function exprProblemText(
  problem: { kind: string; message: string },
  lang: 'zh' | 'en',
): string {
  if (lang === 'en') return problem.message;
  const code: IssueCode =
    EXPR_PROBLEM_CODES[problem.kind as keyof typeof EXPR_PROBLEM_CODES] ?? 'expr-syntax';
  const detail = exprDetailZh(problem.message);
  const summary = issueSummary(code);
  return detail ? `${summary}：${detail}` : summary;
}

/** Why an expression could not be evaluated on a sample case, in `lang` (no English in Chinese). */
export function evalErrorText(message: string, lang: 'zh' | 'en'): string {
  if (lang === 'en') return message;
  const key = /no such key:\s*'?([^'\s]+)'?/i.exec(message);
  if (key) return translate('zh', 'expr.noKey', { name: key[1]! });
  return exprDetailZh(message) ?? translate('zh', 'expr.evalOther');
}
