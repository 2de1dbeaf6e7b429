/**
 * `/api/docs`: a self-contained reference page (no script, no font or stylesheet from elsewhere:
 * district offices may run this with no outside network), rendered from the OpenAPI document.
 * Chinese by default (`?lang=en` for English): the page's own words — the introduction, the
 * headings, the table heads, the sections' titles — are said in the reader's language; the
 * operations' and schemas' descriptions are the OpenAPI document's own (English, the same text
 * as `openapi.json` and the generated clients), marked `lang="en"`.
 */

import { PROBLEM_DESCRIPTIONS } from './build-openapi.js';

type Json = Record<string, unknown>;

/** The refusals every operation shares (`PROBLEM_DESCRIPTIONS`), in Chinese. */
const PROBLEMS_ZH: Record<number, string> = {
  400: '请求写法有误：JSON 或 CSV 语法、UTF-8 编码、某个请求头或查询参数不对。',
  401: '没有 API 密钥或登录 Cookie，或密钥不认识、已撤销、已过期。',
  403: '您的密钥或账号没有这个操作需要的角色；或用登录 Cookie 发出的请求缺少 `X-CSRF-Token`。',
  404: '您的辖区里没有这个资源（其他辖区的资源也回答 404）。',
  406: '`Accept` 请求头排除了这个回答的内容类型。',
  409: '与当前状态冲突（原因见 `type`）。',
  412: '前提不成立：`If-Match` 里的 ETag 已过时（别人先改过了）。',
  428: '需要前提：请在 `If-Match` 里带上读到的 `ETag`。',
  413: '请求内容超过大小上限（1 MB；导入为 20 MB）。',
  415: '不支持的内容类型或字符集。',
  422: '内容无效：`errors` 列出有问题的字段或模板检查结果。',
  429: '失败次数太多：请等 `Retry-After` 给出的秒数再试。',
  500: '服务器出错；请报上 `requestId`。',
  503: '连不上数据库。',
};

/** The page's languages. */
export type DocsLang = 'zh' | 'en';

const escape = (text: unknown): string =>
  (typeof text === 'string'
    ? text
    : text === undefined || text === null
      ? ''
      : JSON.stringify(text)
  ).replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);

/** Inline `code` and line breaks of the descriptions, nothing more. */
const prose = (text: unknown): string =>
  escape(text)
    .replace(/`([^`]+)`/g, '<code>$1</code>')
    .replace(/\n\n/g, '<br><br>');

/** The page's own words, in both languages. */
const WORDS = {
  zh: {
    htmlLang: 'zh-CN',
    other: '<a href="?lang=en" hreflang="en" lang="en">English</a>',
    version: '版本',
    contents: '目录',
    field: '字段',
    type: '类型',
    meaning: '含义',
    parameter: '参数',
    in: '位置',
    status: '状态码',
    body: '返回内容',
    when: '何时',
    requestBody: '请求内容：',
    arrayOf: (item: string) => `${item} 的列表`,
    required: '* 必填',
    schemas: '数据结构',
    intro: `<p>这是社区救助流程引擎的接口参考：模板、项目、个案、事件、待办和 Webhook 推送。
写给对接系统（如街道的已有平台）和帮忙部署的技术人员；居委会和社工日常用网页应用即可，不需要看这一页。</p>
<ul>
<li><strong>身份</strong>：除健康检查、本页、<code>openapi.json</code> 和登录外，每个请求都带
<code>Authorization: Bearer &lt;API 密钥&gt;</code>，或已登录人员的 <code>relief_session</code> Cookie
（这时 POST、PATCH 和 DELETE 还要带 <code>X-CSRF-Token</code>）。</li>
<li><strong>角色和辖区</strong>：密钥或人员有角色（<code>designer</code>、<code>admin</code>、<code>auditor</code>、
<code>integrator</code>，或项目角色如 <code>committee</code>）和辖区（如 <code>sh/putuo</code>，包括其下的
<code>sh/putuo/changzheng</code>）；其他辖区的项目和个案一律回答 404。</li>
<li><strong>出错时</strong>：回答 RFC 9457 的 <code>application/problem+json</code>，其中 <code>type</code>
稳定不变，对接程序按它判断原因。</li>
<li><strong>机器可读的版本</strong>：<a href="/api/v1/openapi.json">openapi.json</a>（OpenAPI 3.1），可用来生成客户端。</li>
</ul>
<p class="note">说明：各接口和数据结构的说明文字取自 OpenAPI 文档，是英文的（与 openapi.json 和生成的客户端一字不差）；
本页的标题、目录、表头、各部分的介绍和各接口共有的出错说明（400、401、403、404 等）是中文。</p>`,
    tags: {
      meta: ['说明与检查', '健康检查、OpenAPI 文档和本页。'],
      templates: ['模板', '项目模板：YAML 源文件、检查、草稿和已发布的版本。'],
      programmes: ['项目', '在某个辖区按参数开展的模板。'],
      cases: ['个案', '在项目里流转的救助对象和申请。'],
      work: ['待办', '等着调用者处理的事。'],
      access: ['访问记录', '每一次由人员或密钥读取个案数据的记录，供审计人员查看。'],
      residents: ['居民的数据请求', '由管理员为居民办理：导出一个个案的副本，删除其个人信息。'],
      webhooks: ['Webhook 推送', '把模板发出的事件推送给对接系统，用 HMAC-SHA256 签名。'],
      keys: ['API 密钥', '对接系统使用的密钥。'],
      people: ['人员与登录', '登录网页应用的人员（管理员、干部、志愿者）和他们的会话。'],
    } as Record<string, [string, string]>,
  },
  en: {
    htmlLang: 'en',
    other: '<a href="?lang=zh" hreflang="zh-CN" lang="zh-CN">中文</a>',
    version: 'version',
    contents: 'Contents',
    field: 'field',
    type: 'type',
    meaning: 'meaning',
    parameter: 'parameter',
    in: 'in',
    status: 'status',
    body: 'body',
    when: 'when',
    requestBody: 'Body:',
    arrayOf: (item: string) => `array of ${item}`,
    required: '* required',
    schemas: 'Schemas',
    intro: '',
    tags: {} as Record<string, [string, string]>,
  },
};
type Words = (typeof WORDS)['zh'] | (typeof WORDS)['en'];

function typeOf(schema: Json | undefined, w: Words): string {
  if (!schema) return '';
  if (typeof schema.$ref === 'string') {
    const name = schema.$ref.split('/').pop()!;
    return `<a href="#schema-${escape(name)}">${escape(name)}</a>`;
  }
  if (schema.const !== undefined) return `<code>${escape(JSON.stringify(schema.const))}</code>`;
  if (Array.isArray(schema.enum))
    return schema.enum.map((v) => `<code>${escape(JSON.stringify(v))}</code>`).join(' | ');
  const alternatives = (schema.oneOf ?? schema.anyOf) as Json[] | undefined;
  if (alternatives) return alternatives.map((a) => typeOf(a, w)).join(' | ');
  const type = Array.isArray(schema.type)
    ? schema.type.join(' | ')
    : typeof schema.type === 'string'
      ? schema.type
      : 'any';
  if (schema.type === 'array') return w.arrayOf(typeOf(schema.items as Json, w));
  return escape(type) + (schema.format ? ` (${escape(schema.format)})` : '');
}

function schemaTable(schema: Json, w: Words): string {
  const properties = schema.properties as Record<string, Json> | undefined;
  if (!properties) return `<p>${typeOf(schema, w)}</p>`;
  const required = new Set((schema.required as string[] | undefined) ?? []);
  const rows = Object.entries(properties)
    .map(
      ([name, p]) =>
        `<tr><td><code>${escape(name)}</code>${required.has(name) ? ' *' : ''}</td><td>${typeOf(p, w)}</td><td lang="en">${prose(p.description ?? p.title ?? '')}</td></tr>`,
    )
    .join('');
  return `<table><tr><th>${w.field}</th><th>${w.type}</th><th>${w.meaning}</th></tr>${rows}</table>`;
}

function operationHtml(path: string, method: string, op: Json, w: Words): string {
  const params = (op.parameters as Json[]).map(
    (p) =>
      `<tr><td><code>${escape(p.name)}</code></td><td>${escape(p.in)}</td><td>${typeOf(p.schema as Json, w)}</td><td lang="en">${prose(p.description)}</td></tr>`,
  );
  const body = op.requestBody as { content: Record<string, { schema: Json }> } | undefined;
  const responses = Object.entries(op.responses as Record<string, Json>).map(([status, r]) => {
    const content = r.content as Record<string, { schema: Json }> | undefined;
    const first = content ? Object.entries(content)[0] : undefined;
    // A shared refusal is worded in the page's language; an operation's own answer as written.
    const shared =
      w.htmlLang === 'zh-CN' && r.description === PROBLEM_DESCRIPTIONS[Number(status)]
        ? PROBLEMS_ZH[Number(status)]
        : undefined;
    const when = shared
      ? `<td>${prose(shared)}</td>`
      : `<td lang="en">${prose(r.description)}</td>`;
    return `<tr><td>${escape(status)}</td><td>${first ? `${escape(first[0])} ${typeOf(first[1].schema, w)}` : ''}</td>${when}</tr>`;
  });
  return `<section class="op" id="op-${escape(op.operationId)}">
<h3><span class="method ${escape(method)}">${escape(method.toUpperCase())}</span> <code>${escape(path)}</code></h3>
<div lang="en"><p><strong>${prose(op.summary)}</strong></p><p>${prose(op.description)}</p></div>
${params.length ? `<table><tr><th>${w.parameter}</th><th>${w.in}</th><th>${w.type}</th><th>${w.meaning}</th></tr>${params.join('')}</table>` : ''}
${
  body
    ? `<p>${w.requestBody} ${Object.entries(body.content)
        .map(([type, c]) => `<code>${escape(type)}</code> ${typeOf(c.schema, w)}`)
        .join(', ')}</p>`
    : ''
}
<table><tr><th>${w.status}</th><th>${w.body}</th><th>${w.when}</th></tr>${responses.join('')}</table></section>`;
}

/** The HTML reference page of an OpenAPI document, in `lang` (Chinese unless asked). */
export function renderDocsPage(doc: Json, lang: DocsLang = 'zh'): string {
  const w: Words = WORDS[lang];
  const info = doc.info as Json;
  const tags = doc.tags as { name: string; description: string }[];
  /** A section's title and introduction: ours in Chinese, the document's in English. */
  const tagTitle = (t: { name: string }) =>
    w.tags[t.name]
      ? `${escape(w.tags[t.name]![0])} <code>${escape(t.name)}</code>`
      : escape(t.name);
  const tagIntro = (t: { name: string; description: string }) =>
    w.tags[t.name]
      ? `<p>${escape(w.tags[t.name]![1])}</p>`
      : `<p lang="en">${prose(t.description)}</p>`;
  const ops: {
    tag: string;
    html: string;
    path: string;
    method: string;
    id: string;
    summary: string;
  }[] = [];
  for (const [path, item] of Object.entries(doc.paths as Record<string, Record<string, Json>>))
    for (const [method, op] of Object.entries(item))
      ops.push({
        tag: (op.tags as string[])[0]!,
        html: operationHtml(path, method, op, w),
        path,
        method,
        id: String(op.operationId),
        summary: String(op.summary),
      });
  const schemas = Object.entries((doc.components as Json).schemas as Record<string, Json>).filter(
    ([name]) => !name.startsWith('Template.'),
  );
  const toc = tags
    .map(
      (t) =>
        `<li>${tagTitle(t)}<ul>${ops
          .filter((o) => o.tag === t.name)
          .map(
            (o) =>
              `<li><a href="#op-${escape(o.id)}">${escape(o.method.toUpperCase())} ${escape(o.path)}</a></li>`,
          )
          .join('')}</ul></li>`,
    )
    .join('');
  const title = lang === 'zh' ? '社区救助流程引擎 · 接口参考' : escape(info.title);
  return `<!doctype html>
<html lang="${w.htmlLang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title} ${escape(info.version)}</title>
<style>
body{font:15px/1.5 system-ui,"PingFang SC","Microsoft YaHei","Noto Sans CJK SC",sans-serif;margin:0;display:flex;color:#1d2733}
nav{width:310px;flex:none;height:100vh;overflow:auto;position:sticky;top:0;background:#f4f6f8;padding:1em;box-sizing:border-box;font-size:13px}
nav ul{padding-left:1em}nav a{overflow-wrap:anywhere}main{padding:1em 2em;max-width:1000px;min-width:0}
code{background:#eef1f4;padding:0 .25em;border-radius:3px;font-size:.92em}
table{border-collapse:collapse;margin:.5em 0;width:100%}td,th{border:1px solid #d6dbe0;padding:.25em .5em;text-align:left;vertical-align:top}
.op{border-top:1px solid #d6dbe0;padding-top:.5em}.method{display:inline-block;min-width:4em;text-align:center;color:#fff;border-radius:3px;font-size:.8em;padding:.1em .3em}
.get{background:#2b7bb9}.post{background:#3a8f3a}.patch{background:#b07d1a}.delete{background:#b33a3a}
.lang{float:right;font-size:14px}.lang a{display:inline-block;padding:.5em .75em;border:1px solid #d6dbe0;border-radius:4px;text-decoration:none}
.note{color:#51606f;font-size:14px}
@media (max-width:760px){body{display:block}nav{position:static;width:auto;height:auto;max-height:40vh}main{padding:1em}table{display:block;overflow-x:auto}}
</style></head><body>
<nav><strong>${title}</strong><br>${w.version} ${escape(info.version)} · <a href="/api/v1/openapi.json">openapi.json</a><ul>${toc}<li><a href="#schemas">${w.schemas}</a></li></ul></nav>
<main><span class="lang">${w.other}</span><h1>${title}</h1>${lang === 'zh' ? w.intro : `<p>${prose(info.description)}</p>`}
${tags
  .map(
    (t) =>
      `<h2 id="tag-${escape(t.name)}">${tagTitle(t)}</h2>${tagIntro(t)}${ops
        .filter((o) => o.tag === t.name)
        .map((o) => o.html)
        .join('\n')}`,
  )
  .join('\n')}
<h2 id="schemas">${w.schemas}</h2><p class="note">${w.required}</p>
${schemas.map(([name, s]) => `<section id="schema-${escape(name)}"><h3>${escape(name)}</h3><p lang="en">${prose(s.description ?? '')}</p>${schemaTable(s, w)}</section>`).join('\n')}
</main></body></html>`;
}
