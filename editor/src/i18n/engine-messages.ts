/**
 * The engine's findings and refusals in the designer's language: the parts a finding's `args` or an
 * expression check's text carry (names, what was expected, what is declared), and the simulator's
 * refusals by the engine's error code. Part of the one catalog (`messages.ts` spreads it in).
 */
type Text = { zh: string; en: string };
const m = <T extends Record<string, Text>>(table: T) => table;

/** Finding details, expression checks, engine refusals. */
export const engineMessages = m({
  'issue.name': { zh: '“{name}”', en: '‘{name}’' },
  'issue.known': { zh: '已有：{list}', en: 'known: {list}' },
  'issue.noneKnown': { zh: '（还没有声明）', en: '(none declared)' },
  'issue.expected': {
    zh: '应为{expected}，实际是{found}',
    en: 'expected {expected}, found {found}',
  },
  'issue.found': { zh: '写的是“{found}”', en: 'found ‘{found}’' },
  'issue.more': { zh: '还有 {n} 处', en: '{n} more' },
  'issue.atLine': { zh: '第 {line} 行第 {col} 列', en: 'line {line}, column {col}' },
  'kind.object': { zh: '映射（键: 值）', en: 'a map' },
  'kind.array': { zh: '列表', en: 'a list' },
  'kind.null': { zh: '空值', en: 'nothing' },
  'expr.unknownField': {
    zh: '{owner} 中没有字段“{name}”；已声明的字段：{list}',
    en: "no field '{name}' on {owner}; declared fields: {list}",
  },
  'expr.unknownName': {
    zh: '不认识的名称“{name}”；表达式可以用 data、params、event、ledger、now',
    en: "unknown name '{name}'; an expression may use data, params, event, ledger, now",
  },
  'expr.unknownLedger': {
    zh: '台账“{name}”未声明；已声明的台账：{list}',
    en: "unknown ledger '{name}'; declared ledgers: {list}",
  },
  'expr.unknownFunction': { zh: '没有函数“{name}”', en: "unknown function '{name}'" },
  'expr.nowField': {
    zh: 'now 是时间点，没有字段“{name}”；请用 now.getHours() 之类的方法',
    en: "'now' is a timestamp and has no field '{name}'; use a method such as now.getHours()",
  },
  'expr.noPayload': {
    zh: '这里没有事件表单（计时器、进入和离开动作没有），不能用 event.{name}',
    en: 'there is no event payload here, so event.{name} cannot be used (timers, entry and exit actions have none)',
  },
  'expr.wantBool': {
    zh: '这里需要一个条件（成立或不成立），而这个表达式得到的是{type}',
    en: 'expected a condition (true or false), but this expression gives {type}',
  },
  'expr.wantNumber': {
    zh: '这里需要一个数字，而这个表达式得到的是{type}',
    en: 'expected a number, but this expression gives {type}',
  },
  'expr.overload': {
    zh: '不能这样计算：{types}（两边的类型不配）',
    en: 'no such overload: {types}',
  },
  'expr.syntax': {
    zh: '从“{near}”处起写法有误（检查括号、引号和运算符）',
    en: 'does not parse near ‘{near}’',
  },
  'expr.syntaxEnd': {
    zh: '表达式没有写完（检查括号、引号和运算符）',
    en: 'the expression ends too early',
  },
  'expr.noKey': { zh: '样例个案里没有“{name}”', en: 'No such key: {name}' },
  'expr.evalOther': {
    zh: '在样例个案上计算出错',
    en: 'It fails on the sample case',
  },
  'celType.bool': { zh: '条件（成立/不成立）', en: 'a condition' },
  'celType.int': { zh: '整数', en: 'an integer' },
  'celType.uint': { zh: '整数', en: 'an integer' },
  'celType.double': { zh: '数字', en: 'a number' },
  'celType.string': { zh: '文字', en: 'text' },
  'celType.list': { zh: '列表', en: 'a list' },
  'celType.map': { zh: '映射', en: 'a map' },
  'celType.timestamp': { zh: '时间点', en: 'a timestamp' },
  'celType.duration': { zh: '时长', en: 'a duration' },
  'celType.null_type': { zh: '空值', en: 'null' },
  'engine.event-not-accepted': {
    zh: '当前状态不接受这个事件',
    en: 'The current state does not accept this event',
  },
  'engine.guard-failed': {
    zh: '条件不满足，没有流转发生',
    en: 'No transition’s condition holds, so nothing happened',
  },
  'engine.invalid-payload': {
    zh: '表单填写有误，请按标红的字段修改',
    en: 'The form has mistakes: fix the marked fields',
  },
  'engine.invalid-data': {
    zh: '样例个案数据不符合数据字段的定义',
    en: 'The sample case data does not match the data fields',
  },
  'engine.invalid-params': {
    zh: '项目参数不符合参数的定义',
    en: 'The programme parameters do not match their definitions',
  },
  'engine.ledger-insufficient': {
    zh: '台账余额不足，这一步没有执行',
    en: 'Not enough left in the ledger, so this step did not happen',
  },
  'engine.expr-eval': {
    zh: '表达式 {detail} 无法计算（可能用到了没有填写的字段）',
    en: 'The expression {detail} could not be evaluated (perhaps a field left empty)',
  },
  'engine.other': { zh: '模拟器拒绝了这一步', en: 'The simulator refused this step' },
  simStartEntry: { zh: '开始', en: 'start' },
  simAsRole: { zh: '以角色', en: 'As role' },
  simAnyRole: { zh: '任意角色', en: 'Any role' },
  simNotRole: {
    zh: '“{role}”不能发送这个事件（可发送：{roles}）',
    en: '{role} may not send this event (may: {roles})',
  },
  simLocalTime: { zh: '本地时间', en: 'local time' },
  openNeedKey: {
    zh: '服务器需要访问密钥才能列出模板：请点“访问密钥”粘贴密钥后再打开。',
    en: 'The server needs your API key to list templates: click “API key”, paste it, then open again.',
  },
  openForbidden: {
    zh: '您的密钥或角色不能查看模板（需要设计者或管理员）。请联系管理员。',
    en: 'Your key or roles may not list templates (a designer or admin may). Ask your administrator.',
  },
  'problem.template-version-published': {
    zh: '这一版已经发布，不能再修改（保存会成为下一版）',
    en: 'This version is published and never changes (saving makes the next version)',
  },
  'problem.template-invalid': {
    zh: '模板有错误，服务器没有保存',
    en: 'The template has errors; the server did not store it',
  },
  // CodeMirror's own words in the YAML panel (its search panel, folding and lint), by its phrase.
  'cm.Find': { zh: '查找', en: 'Find' },
  'cm.Replace': { zh: '替换为', en: 'Replace' },
  'cm.next': { zh: '下一个', en: 'next' },
  'cm.previous': { zh: '上一个', en: 'previous' },
  'cm.all': { zh: '全部', en: 'all' },
  'cm.match case': { zh: '区分大小写', en: 'match case' },
  'cm.regexp': { zh: '正则', en: 'regexp' },
  'cm.by word': { zh: '整词', en: 'by word' },
  'cm.replace': { zh: '替换', en: 'replace' },
  'cm.replace all': { zh: '全部替换', en: 'replace all' },
  'cm.close': { zh: '关闭', en: 'close' },
  'cm.current match': { zh: '当前匹配', en: 'current match' },
  'cm.on line': { zh: '在第几行', en: 'on line' },
  'cm.replaced $ matches': { zh: '已替换 $ 处', en: 'replaced $ matches' },
  'cm.replaced match on line $': {
    zh: '已替换第 $ 行的匹配',
    en: 'replaced match on line $',
  },
  'cm.Go to line': { zh: '转到行', en: 'Go to line' },
  'cm.go': { zh: '转到', en: 'go' },
  'cm.Fold line': { zh: '折叠', en: 'Fold line' },
  'cm.Unfold line': { zh: '展开', en: 'Unfold line' },
  'cm.Folded lines': { zh: '已折叠行', en: 'Folded lines' },
  'cm.Unfolded lines': { zh: '已展开行', en: 'Unfolded lines' },
  'cm.to': { zh: '至', en: 'to' },
  'cm.folded code': { zh: '折叠的内容', en: 'folded code' },
  'cm.unfold': { zh: '展开', en: 'unfold' },
  'cm.Diagnostics': { zh: '问题', en: 'Diagnostics' },
  'cm.No diagnostics': { zh: '没有问题', en: 'No diagnostics' },
  'cm.Control character': { zh: '控制字符', en: 'Control character' },
  yamlSearch: { zh: '在文本中查找（Ctrl+F）', en: 'Find in the text (Ctrl+F)' },
  // Each action card's ✕ says which action it removes (not the same name as 删除 the transition).
  removeAction: { zh: '删除动作“{action}”', en: 'Remove the action “{action}”' },
  openFailed: { zh: '无法列出模板：{detail}', en: 'Cannot list the templates: {detail}' },
});
