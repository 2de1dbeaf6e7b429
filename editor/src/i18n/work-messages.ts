/**
 * The Work area's strings (the worker's phone; part of the one catalog: `messages.ts` spreads this
 * table in). Chinese first; short, for reading at arm's length.
 */
type Text = { zh: string; en: string };
const m = <T extends Record<string, Text>>(table: T) => table;

/** Worklist, case card, notifications, the offline queue. */
export const workMessages = m({
  workTabList: { zh: '待办', en: 'To do' },
  workTabNotes: { zh: '通知', en: 'Messages' },
  workSearch: { zh: '搜索姓名或地址', en: 'Search name or address' },
  workAllProgrammes: { zh: '全部项目', en: 'All programmes' },
  workAllStates: { zh: '全部状态', en: 'All states' },
  workRefresh: { zh: '刷新', en: 'Refresh' },
  workPullToRefresh: { zh: '下拉刷新', en: 'Pull to refresh' },
  workRefreshing: { zh: '正在刷新…', en: 'Refreshing…' },
  workEmpty: { zh: '现在没有等您处理的事项。', en: 'Nothing is waiting on you now.' },
  workNoMatch: { zh: '没有符合条件的事项。', en: 'Nothing matches.' },
  workMine: { zh: '我负责', en: 'Mine' },
  workOverdue: { zh: '已超时 {time}', en: 'Overdue by {time}' },
  workDueIn: { zh: '{time}内到期', en: 'Due in {time}' },
  workMinutes: { zh: '{n} 分钟', en: '{n} min' },
  workHours: { zh: '{n} 小时', en: '{n} h' },
  workDays: { zh: '{n} 天', en: '{n} d' },
  workOffline: { zh: '离线：显示的是上次同步的内容', en: 'Offline: showing what was last synced' },
  workSyncedAt: { zh: '同步于 {time}', en: 'Synced {time}' },
  workQueued: { zh: '{n} 条记录待发送', en: '{n} records waiting to be sent' },
  workQueuedOne: { zh: '待发送', en: 'Waiting to send' },
  workSendNow: { zh: '立即发送', en: 'Send now' },
  workFormLoading: { zh: '正在打开表单…', en: 'Opening the form…' },
  workSignInToSend: {
    zh: '登录已失效：请重新登录，待发送的记录都保留着，登录后自动发送',
    en: 'Your sign-in has ended: sign in again. The waiting records are kept and sent after you sign in',
  },
  workSignInAgain: { zh: '重新登录', en: 'Sign in again' },
  workSending: { zh: '发送中…', en: 'Sending…' },
  workBack: { zh: '返回待办', en: 'Back to the list' },
  workDue: { zh: '办理时限', en: 'Due' },
  workNoDeadline: { zh: '无时限', en: 'No deadline' },
  workState: { zh: '当前状态', en: 'Now' },
  workAssignee: { zh: '负责人', en: 'Responsible' },
  workAssigneeUnknown: {
    zh: '“{name}”不是本辖区的人员，请管理员核对',
    en: '“{name}” is nobody in this district; ask an admin to check',
  },
  workHistory: { zh: '最近记录', en: 'Recent history' },
  workHistoryOpen: { zh: '登记', en: 'Opened' },
  workHistoryReassign: { zh: '更换负责人', en: 'Reassigned' },
  workHistoryTimer: { zh: '到时自动处理', en: 'Timer' },
  workActions: { zh: '现在可以办理', en: 'What you can do now' },
  workNoActions: {
    zh: '现在没有您可以办理的事项。',
    en: 'Nothing for you to do on this case now.',
  },
  workConfirm: { zh: '确认提交', en: 'Confirm' },
  workCancel: { zh: '取消', en: 'Cancel' },
  workDone: { zh: '已办理：{event} → {state}', en: 'Done: {event} → {state}' },
  workSavedOffline: {
    zh: '已记录：{event}。网络恢复后自动发送。',
    en: 'Recorded: {event}. It will be sent when the network is back.',
  },
  workNotFound: { zh: '这件事不在您的待办中。', en: 'This case is not on your list.' },
  workConflictTitle: { zh: '记录未能提交：情况已有变化', en: 'Not sent: the case moved on' },
  workConflictYours: {
    zh: '您记录时：{state}（第 {v} 版）',
    en: 'When you recorded it: {state} (version {v})',
  },
  workConflictNow: { zh: '现在：{state}（第 {v} 版）', en: 'Now: {state} (version {v})' },
  workConflictHelp: {
    zh: '请先核实现场情况。如仍需办理，按“按最新情况重新提交”；否则“放弃这条记录”。',
    en: 'Check on the spot first. If it still needs doing, resend against the current version; otherwise discard it.',
  },
  workResend: { zh: '按最新情况重新提交', en: 'Resend against the current version' },
  workDiscard: { zh: '放弃这条记录', en: 'Discard this record' },
  workFailed: { zh: '提交被拒绝：{reason}', en: 'Refused: {reason}' },
  workNotesEmpty: { zh: '没有通知。', en: 'No messages.' },
  workMarkRead: { zh: '标为已读', en: 'Mark read' },
  workPushOff: {
    zh: '本机未开启消息提醒。开启后，有新通知时本机会提示。',
    en: 'Alerts are off on this device. Turn them on to be alerted of new messages.',
  },
  workPushOn: { zh: '本机已开启消息提醒。', en: 'Alerts are on for this device.' },
  workPushWorking: { zh: '正在设置……', en: 'Setting up…' },
  workPushBlocked: {
    zh: '浏览器已禁止本站的通知。如需提醒，请在浏览器设置中允许本站通知。通知仍会列在下面。',
    en: 'The browser blocks notifications from this site. Allow them in its settings to get alerts. Messages are still listed below.',
  },
  workPushNoService: {
    zh: '这台设备的浏览器暂时无法开启提醒（连不上推送服务）。通知仍会列在下面，请不时查看。',
    en: "This device's browser cannot turn alerts on now (no push service reachable). Messages are still listed below; check them now and then.",
  },
  workPushFailed: {
    zh: '未能完成设置，请稍后再试。通知仍会列在下面。',
    en: 'Could not finish; please try again later. Messages are still listed below.',
  },
  workPushTurnOn: { zh: '开启消息提醒', en: 'Turn on alerts' },
  workPushTurnOff: { zh: '关闭提醒', en: 'Turn off alerts' },
  workUnread: { zh: '未读', en: 'Unread' },
  workOpenCase: { zh: '查看', en: 'Open' },
  workCall: { zh: '拨打', en: 'Call' },
  workYes: { zh: '是', en: 'Yes' },
  workNo: { zh: '否', en: 'No' },
});
