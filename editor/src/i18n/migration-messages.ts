/**
 * The strings of a programme's move to a newer template version (console) and of the semantic
 * diff on the canvas (editor): part of the one catalog (`messages.ts` spreads this table in).
 */
type Text = { zh: string; en: string };
const m = <T extends Record<string, Text>>(table: T) => table;

/** Migration and semantic-diff strings, Chinese first. */
export const migrationMessages = m({
  newerVersion: {
    zh: '模板“{title}”已发布 v{to}，本项目仍在 v{from}',
    en: 'Template “{title}” has a newer published version v{to}; this programme runs v{from}',
  },
  newerVersionNote: { zh: '发布说明：{note}', en: 'Note: {note}' },
  reviewAndMigrate: { zh: '查看改动并迁移', en: 'See the changes and migrate' },
  migrateTitle: { zh: '迁移到新版本', en: 'Move to a newer version' },
  migrateNothing: {
    zh: '本项目已在最新发布的版本 v{v} 上，所有个案都已迁移。',
    en: 'This programme runs the latest published version v{v} and every case is on it.',
  },
  migrateLeftBehind: {
    zh: '项目已在 v{v} 上；还有个案留在旧版本，可在这里继续迁移。',
    en: 'The programme runs v{v}; some cases stayed on an older version and can be moved here.',
  },
  migrateVersions: { zh: 'v{from} → v{to}', en: 'v{from} → v{to}' },
  publishedOn: { zh: '于 {at} 发布', en: 'published {at}' },
  whatChanged: { zh: '改动了什么', en: 'What changed' },
  diffCounts: {
    zh: '新增 {added} 处 · 修改 {changed} 处 · 删除 {removed} 处',
    en: '{added} added · {changed} changed · {removed} removed',
  },
  concernsTitle: { zh: '对运行中个案的影响', en: 'What it means for running cases' },
  'concern.state-removed': {
    zh: '状态“{what}”已删除：处于该状态的个案需要您指定去向',
    en: 'State “{what}” was removed: cases in it need a new state',
  },
  'concern.data-required-without-default': {
    zh: '字段“{what}”成为必填且没有默认值：需要您给出默认值',
    en: 'Field “{what}” is now required with no default: give a default value',
  },
  'concern.data-field-stricter': {
    zh: '字段“{what}”的要求变严格了：试运行会逐个检查',
    en: 'Field “{what}” got stricter: the dry run checks each case',
  },
  'concern.form-stricter': {
    zh: '表单“{what}”的要求变严格了：以后提交时会按新要求检查',
    en: 'Form “{what}” got stricter: later submissions are checked against it',
  },
  'concern.ledger-removed': {
    zh: '台账“{what}”已删除：其余额不再使用',
    en: 'Ledger “{what}” was removed: its balance is no longer used',
  },
  'concern.parameter-required-without-default': {
    zh: '参数“{what}”成为必填且没有默认值：请先调整项目参数',
    en: 'Parameter “{what}” is now required with no default: change the parameters first',
  },
  'concern.parameter-stricter': {
    zh: '参数“{what}”的要求变严格了：迁移时会重新检查项目参数',
    en: 'Parameter “{what}” got stricter: the parameters are checked again on migration',
  },
  yourChoices: { zh: '需要您决定', en: 'Your choices' },
  mapStateTo: { zh: '“{state}”中的个案改为：', en: 'Cases in “{state}” go to:' },
  chooseState: { zh: '请选择新状态', en: 'Choose a state' },
  defaultFor: { zh: '“{field}”的默认值', en: 'Default for “{field}”' },
  noChoicesNeeded: {
    zh: '不需要您决定什么：个案按状态名称自动对应。',
    en: 'Nothing to decide: cases keep their state by its key.',
  },
  runDryRun: { zh: '试运行（不改动任何个案）', en: 'Dry run (changes nothing)' },
  dryRunSummary: {
    zh: '共 {total} 个个案：可迁移 {movable} 个，无法迁移 {refused} 个，已在新版本 {already} 个',
    en: '{total} cases: {movable} can move, {refused} cannot, {already} already on the new version',
  },
  colCase: { zh: '个案', en: 'Case' },
  colFromTo: { zh: '状态变化', en: 'State change' },
  historyMigrated: { zh: '迁移到新版本', en: 'Moved to a newer version' },
  colTimers: { zh: '计时器', en: 'Timers' },
  colFilled: { zh: '补填的字段', en: 'Fields filled' },
  colOutcome: { zh: '结果', en: 'Outcome' },
  canMove: { zh: '可以迁移', en: 'Can move' },
  cannotMove: { zh: '无法迁移', en: 'Cannot move' },
  timersKept: { zh: '保留 {n}', en: '{n} kept' },
  timersCancelled: { zh: '取消 {n}', en: '{n} cancelled' },
  timersArmed: { zh: '重新计时 {n}', en: '{n} re-armed' },
  timersNone: { zh: '无', en: 'none' },
  'refusal.state-removed': {
    zh: '所在状态“{state}”在新版本中已删除，请在上面为它选择去向',
    en: 'Its state “{state}” no longer exists: choose where it goes above',
  },
  'refusal.data-invalid': {
    zh: '数据不符合新版本：{fields}',
    en: 'Its data does not fit the new version: {fields}',
  },
  'refusal.state-invalid': {
    zh: '迁移后的状态“{state}”不成立，请选择别的去向',
    en: 'The state it would be in (“{state}”) is not valid: choose another',
  },
  dryRunStale: {
    zh: '您改了上面的选择，请重新试运行。',
    en: 'You changed the choices above: run the dry run again.',
  },
  moveAll: {
    zh: '全部迁移（只要有一个无法迁移，就一个也不迁移）',
    en: 'Move all (if any case cannot move, none moves)',
  },
  moveOnlyMovable: {
    zh: '只迁移可以迁移的个案，其余留在 v{from}',
    en: 'Move only the cases that can move; the others stay on v{from}',
  },
  moveAllBlocked: {
    zh: '有 {n} 个个案无法迁移：请先为它们做出选择，或选择只迁移可以迁移的个案。',
    en: '{n} cases cannot move: decide for them above, or move only those that can.',
  },
  migrateButton: { zh: '迁移到 v{to}…', en: 'Migrate to v{to}…' },
  migrateConfirm: {
    zh: '将 {n} 个个案迁移到 v{to}？迁移记入每个个案的办理记录，不能撤销。',
    en: 'Move {n} cases to v{to}? Each case records the move in its history; it cannot be undone.',
  },
  migrateConfirmYes: { zh: '确认迁移', en: 'Migrate' },
  migrating: {
    zh: '正在迁移：已迁移 {done} / {total} 个…',
    en: 'Migrating: {done} of {total} cases moved…',
  },
  migrateDone: {
    zh: '迁移完成：迁移 {moved} 个个案（分 {batches} 批），未迁移 {refused} 个，之前已迁移 {already} 个。项目现在使用 v{to}。',
    en: 'Done: {moved} cases moved in {batches} batches, {refused} not moved, {already} moved before. The programme now runs v{to}.',
  },
  migrateInterrupted: {
    zh: '迁移中断：{detail}。已迁移的个案保留；再次点击“迁移”会从中断处继续，不会重复迁移。',
    en: 'The migration stopped: {detail}. Cases already moved stay moved; migrating again resumes where it stopped and moves nothing twice.',
  },
  'problem.migration-refused': {
    zh: '有个案无法迁移，未迁移任何个案',
    en: 'Some cases cannot move; nothing moved',
  },
  kindMigration: { zh: '迁移模板版本', en: 'Template version' },
  leftBehindBefore: {
    zh: '此前留在旧版本的个案',
    en: 'Cases left on an older version',
  },
  leftBehindBanner: {
    zh: '上次迁移后，有 {n} 个个案留在旧版本，仍按旧版本办理',
    en: '{n} cases stayed on an older version after the last migration and run on it',
  },
  continueMigration: { zh: '继续迁移', en: 'Continue the migration' },
  migrateLeftNote: {
    zh: '有 {n} 个个案留在原来的版本，仍按原版本办理；可以稍后在本页为它们做出选择并继续迁移。',
    en: '{n} cases stayed on their version and run on it; come back to this page to decide for them and move them.',
  },
  migrationAfter: {
    zh: 'v{v}：迁移 {moved} 个，未迁移 {refused} 个',
    en: 'v{v}: {moved} moved, {refused} not moved',
  },
  backToProgramme: { zh: '返回项目', en: 'Back to the programme' },
  // the editor's semantic diff on the canvas
  diffListTitle: { zh: '改动清单', en: 'Changes' },
  diffFieldDetail: { zh: '改动的属性', en: 'Changed properties' },
  diffOld: { zh: '原来', en: 'Before' },
  diffNew: { zh: '现在', en: 'After' },
  diffNoDetail: {
    zh: '选中画布上标出的状态或连线，可在这里看到改动的细节。',
    en: 'Select a marked state or edge on the canvas to see what changed in it.',
  },
});
