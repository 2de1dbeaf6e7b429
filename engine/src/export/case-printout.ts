/**
 * One case's copy as a printable HTML page for the resident it is about, in Chinese or English:
 * the programme, the data with the template's field titles, every step with its form, and any
 * erasure. Self-contained (inline style, no script, no link), so it prints or saves as PDF from
 * any browser and can be handed over on paper.
 */
import type { BilingualText, CaseExport, ExportField } from './case-export.js';

type Lang = 'zh' | 'en';

const TEXT = {
  heading: { zh: '个人信息副本', en: 'Copy of your personal data' },
  intro: {
    zh: '这是社区帮扶项目中关于您的案件记录的完整副本，包括记录的内容和每一步办理经过。',
    en: 'This is a complete copy of the case a community relief programme keeps about you: what it records and every step taken.',
  },
  programme: { zh: '项目', en: 'Programme' },
  district: { zh: '辖区', en: 'District' },
  caseId: { zh: '案件编号', en: 'Case number' },
  ref: { zh: '登记编号', en: 'Reference' },
  state: { zh: '当前状态', en: 'Current state' },
  ended: { zh: '（已结束）', en: ' (ended)' },
  opened: { zh: '登记时间', en: 'Opened' },
  changed: { zh: '最后更新', en: 'Last changed' },
  data: { zh: '记录的信息', en: 'What is recorded' },
  field: { zh: '项目', en: 'Field' },
  value: { zh: '内容', en: 'Value' },
  mark: { zh: '类别', en: 'Kind' },
  personal: { zh: '个人信息', en: 'Personal' },
  sensitive: { zh: '敏感个人信息', en: 'Sensitive' },
  minor: { zh: '未成年人信息', en: "A child's" },
  plain: { zh: '—', en: '—' },
  history: { zh: '办理经过', en: 'Steps taken' },
  when: { zh: '时间', en: 'When' },
  step: { zh: '事项', en: 'Step' },
  result: { zh: '结果状态', en: 'State after' },
  by: { zh: '办理角色', en: 'Done by' },
  details: { zh: '填写内容', en: 'Details' },
  timer: { zh: '到期自动', en: 'Automatic (deadline)' },
  noHistory: { zh: '没有办理记录', en: 'No steps yet' },
  erasures: { zh: '已删除的信息', en: 'Erased data' },
  erasedFields: { zh: '删除的项目', en: 'Fields removed' },
  why: { zh: '原因', en: 'Why' },
  retention: { zh: '超过保存期限', en: 'Retention period passed' },
  request: { zh: '本人申请删除', en: 'Erased at your request' },
  exported: { zh: '导出时间', en: 'Exported' },
  exportedBy: { zh: '导出人', en: 'Exported by' },
  yes: { zh: '是', en: 'yes' },
  no: { zh: '否', en: 'no' },
} as const satisfies Record<string, BilingualText>;

function escape(text: string): string {
  return text.replace(
    /[&<>"']/g,
    (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[ch]!,
  );
}

/** A time in the reader's time zone, to the minute. */
function formatTime(iso: string, lang: Lang, timeZone: string): string {
  return new Intl.DateTimeFormat(lang === 'zh' ? 'zh-CN' : 'en-GB', {
    timeZone,
    dateStyle: 'medium',
    timeStyle: 'short',
  }).format(new Date(iso));
}

const COLON = { zh: '：', en: ': ' } as const;
const LIST = { zh: '、', en: ', ' } as const;

function formatValue(value: unknown, lang: Lang): string {
  if (value === undefined || value === null || value === '') return '—';
  if (typeof value === 'boolean') return value ? TEXT.yes[lang] : TEXT.no[lang];
  if (Array.isArray(value)) return value.map((v) => formatValue(v, lang)).join(LIST[lang]);
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'bigint') return value.toString();
  return JSON.stringify(value) ?? '—';
}

function fieldRows(fields: readonly ExportField[], lang: Lang): string {
  return fields
    .map(
      (f) =>
        `<tr><th scope="row">${escape(f.title[lang])}</th><td>${escape(formatValue(f.value, lang))}</td><td class="mark">${escape(f.sensitivity ? TEXT[f.sensitivity][lang] : TEXT.plain[lang])}</td></tr>`,
    )
    .join('\n');
}

function details(fields: readonly ExportField[], lang: Lang): string {
  return fields
    .map((f) => `${escape(f.title[lang])}${COLON[lang]}${escape(formatValue(f.value, lang))}`)
    .join('<br>');
}

const STYLE = `body{font-family:"Noto Sans CJK SC","PingFang SC","Microsoft YaHei",sans-serif;margin:2em auto;max-width:52em;padding:0 1em;color:#111;line-height:1.5}
h1{font-size:1.5em;margin-bottom:.2em}h2{font-size:1.15em;margin-top:1.6em;border-bottom:1px solid #999}
table{border-collapse:collapse;width:100%}th,td{border:1px solid #bbb;padding:.35em .5em;text-align:left;vertical-align:top}
thead th{background:#eee}th[scope=row]{width:30%;font-weight:600}td.mark{width:8em;color:#444}
dl{display:grid;grid-template-columns:max-content 1fr;gap:.2em 1em}dt{font-weight:600}dd{margin:0}
.muted{color:#555;font-size:.9em}@media print{body{margin:0}h2{break-after:avoid}tr{break-inside:avoid}}`;

/** The printable page of one case's copy, in `lang`, times in `timeZone` (an IANA zone). */
export function toCasePrintout(copy: CaseExport, lang: Lang, timeZone: string): string {
  const t = (key: keyof typeof TEXT) => escape(TEXT[key][lang]);
  const time = (iso: string) => escape(formatTime(iso, lang, timeZone));
  const c = copy.case;
  const steps = copy.history
    .map(
      (s) =>
        `<tr><td>${time(s.at)}</td><td>${escape(s.title[lang])}</td><td>${escape(s.toTitle[lang])}</td><td>${s.actor === null ? t('timer') : escape(s.roles.map((r) => r.title[lang]).join(LIST[lang]) || '—')}</td><td>${details(s.payload, lang)}</td></tr>`,
    )
    .join('\n');
  const erasures = copy.erasures
    .map(
      (e) =>
        `<tr><td>${time(e.at)}</td><td>${t(e.reason)}${e.note ? `<br><span class="muted">${escape(e.note)}</span>` : ''}</td><td>${escape(
          e.fields
            .map((name) => copy.data.find((f) => f.name === name)?.title[lang] ?? name)
            .join(LIST[lang]) || '—',
        )}</td></tr>`,
    )
    .join('\n');
  return `<!doctype html>
<html lang="${lang === 'zh' ? 'zh-CN' : 'en'}"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${t('heading')} · ${escape(copy.programme.title)}</title>
<style>${STYLE}</style></head>
<body>
<h1>${t('heading')}</h1>
<p>${t('intro')}</p>
<dl>
<dt>${t('programme')}</dt><dd>${escape(copy.programme.title)} · ${escape(copy.programme.template.title[lang])}</dd>
<dt>${t('district')}</dt><dd>${escape(c.district)}</dd>
<dt>${t('caseId')}</dt><dd>${escape(c.id)}</dd>
${c.ref === null ? '' : `<dt>${t('ref')}</dt><dd>${escape(c.ref)}</dd>`}
<dt>${t('state')}</dt><dd>${escape(c.stateTitle[lang])}${c.done ? t('ended') : ''}</dd>
<dt>${t('opened')}</dt><dd>${time(c.createdAt)}</dd>
<dt>${t('changed')}</dt><dd>${time(c.updatedAt)}</dd>
</dl>
<h2>${t('data')}</h2>
<table><thead><tr><th>${t('field')}</th><th>${t('value')}</th><th>${t('mark')}</th></tr></thead>
<tbody>
${fieldRows(copy.data, lang)}
</tbody></table>
<h2>${t('history')}</h2>
${
  copy.history.length === 0
    ? `<p>${t('noHistory')}</p>`
    : `<table><thead><tr><th>${t('when')}</th><th>${t('step')}</th><th>${t('result')}</th><th>${t('by')}</th><th>${t('details')}</th></tr></thead>
<tbody>
${steps}
</tbody></table>`
}
${
  copy.erasures.length === 0
    ? ''
    : `<h2>${t('erasures')}</h2>
<table><thead><tr><th>${t('when')}</th><th>${t('why')}</th><th>${t('erasedFields')}</th></tr></thead>
<tbody>
${erasures}
</tbody></table>`
}
<p class="muted">${t('exported')}${COLON[lang]}${time(copy.exportedAt)} · ${t('exportedBy')}${COLON[lang]}${escape(copy.exportedBy)}</p>
</body></html>
`;
}
