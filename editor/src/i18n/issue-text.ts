/**
 * A Chinese summary for each validator finding code. The engine's catalog phrases the full message
 * (in English, shared with the CLI and the API); in the Chinese UI the summary comes first and the
 * full message follows, so a community worker sees what is wrong at a glance.
 */
import { issueSummaryZh } from '@relief/engine';
import type { IssueCode, IssueCodeWithSummaryZh } from '@relief/engine';

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

/** The finding as the UI shows it in `lang`. */
export function issueText(issue: { code: IssueCode; message: string }, lang: 'zh' | 'en'): string {
  const summary = issue.code in zh ? zh[issue.code as keyof typeof zh] : issueSummaryZh(issue.code);
  return lang === 'zh' && summary ? `${summary}：${issue.message}` : issue.message;
}
