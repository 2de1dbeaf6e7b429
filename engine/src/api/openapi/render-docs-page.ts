/**
 * `/api/docs`: a self-contained reference page (no script, no font or stylesheet from elsewhere:
 * district offices may run this with no outside network), rendered from the OpenAPI document.
 */

type Json = Record<string, unknown>;

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

function typeOf(schema: Json | undefined): string {
  if (!schema) return '';
  if (typeof schema.$ref === 'string') {
    const name = schema.$ref.split('/').pop()!;
    return `<a href="#schema-${escape(name)}">${escape(name)}</a>`;
  }
  if (schema.const !== undefined) return `<code>${escape(JSON.stringify(schema.const))}</code>`;
  if (Array.isArray(schema.enum))
    return schema.enum.map((v) => `<code>${escape(JSON.stringify(v))}</code>`).join(' | ');
  const alternatives = (schema.oneOf ?? schema.anyOf) as Json[] | undefined;
  if (alternatives) return alternatives.map(typeOf).join(' | ');
  const type = Array.isArray(schema.type)
    ? schema.type.join(' | ')
    : typeof schema.type === 'string'
      ? schema.type
      : 'any';
  if (schema.type === 'array') return `array of ${typeOf(schema.items as Json)}`;
  return escape(type) + (schema.format ? ` (${escape(schema.format)})` : '');
}

function schemaTable(schema: Json): string {
  const properties = schema.properties as Record<string, Json> | undefined;
  if (!properties) return `<p>${typeOf(schema)}</p>`;
  const required = new Set((schema.required as string[] | undefined) ?? []);
  const rows = Object.entries(properties)
    .map(
      ([name, p]) =>
        `<tr><td><code>${escape(name)}</code>${required.has(name) ? ' *' : ''}</td><td>${typeOf(p)}</td><td>${prose(p.description ?? p.title ?? '')}</td></tr>`,
    )
    .join('');
  return `<table><tr><th>field</th><th>type</th><th>meaning</th></tr>${rows}</table>`;
}

function operationHtml(path: string, method: string, op: Json): string {
  const params = (op.parameters as Json[]).map(
    (p) =>
      `<tr><td><code>${escape(p.name)}</code></td><td>${escape(p.in)}</td><td>${typeOf(p.schema as Json)}</td><td>${prose(p.description)}</td></tr>`,
  );
  const body = op.requestBody as { content: Record<string, { schema: Json }> } | undefined;
  const responses = Object.entries(op.responses as Record<string, Json>).map(([status, r]) => {
    const content = r.content as Record<string, { schema: Json }> | undefined;
    const first = content ? Object.entries(content)[0] : undefined;
    return `<tr><td>${escape(status)}</td><td>${first ? `${escape(first[0])} ${typeOf(first[1].schema)}` : ''}</td><td>${prose(r.description)}</td></tr>`;
  });
  return `<section class="op" id="op-${escape(op.operationId)}">
<h3><span class="method ${escape(method)}">${escape(method.toUpperCase())}</span> <code>${escape(path)}</code></h3>
<p><strong>${prose(op.summary)}</strong></p><p>${prose(op.description)}</p>
${params.length ? `<table><tr><th>parameter</th><th>in</th><th>type</th><th>meaning</th></tr>${params.join('')}</table>` : ''}
${
  body
    ? `<p>Body: ${Object.entries(body.content)
        .map(([type, c]) => `<code>${escape(type)}</code> ${typeOf(c.schema)}`)
        .join(', ')}</p>`
    : ''
}
<table><tr><th>status</th><th>body</th><th>when</th></tr>${responses.join('')}</table></section>`;
}

/** The HTML reference page of an OpenAPI document. */
export function renderDocsPage(doc: Json): string {
  const info = doc.info as Json;
  const tags = doc.tags as { name: string; description: string }[];
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
        html: operationHtml(path, method, op),
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
        `<li>${escape(t.name)}<ul>${ops
          .filter((o) => o.tag === t.name)
          .map(
            (o) =>
              `<li><a href="#op-${escape(o.id)}">${escape(o.method.toUpperCase())} ${escape(o.path)}</a></li>`,
          )
          .join('')}</ul></li>`,
    )
    .join('');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escape(info.title)} ${escape(info.version)}</title>
<style>
body{font:15px/1.5 system-ui,"PingFang SC","Microsoft YaHei",sans-serif;margin:0;display:flex;color:#1d2733}
nav{width:310px;flex:none;height:100vh;overflow:auto;position:sticky;top:0;background:#f4f6f8;padding:1em;box-sizing:border-box;font-size:13px}
nav ul{padding-left:1em}nav a{overflow-wrap:anywhere}main{padding:1em 2em;max-width:1000px;min-width:0}
code{background:#eef1f4;padding:0 .25em;border-radius:3px;font-size:.92em}
table{border-collapse:collapse;margin:.5em 0;width:100%}td,th{border:1px solid #d6dbe0;padding:.25em .5em;text-align:left;vertical-align:top}
.op{border-top:1px solid #d6dbe0;padding-top:.5em}.method{display:inline-block;min-width:4em;text-align:center;color:#fff;border-radius:3px;font-size:.8em;padding:.1em .3em}
.get{background:#2b7bb9}.post{background:#3a8f3a}.patch{background:#b07d1a}.delete{background:#b33a3a}
</style></head><body>
<nav><strong>${escape(info.title)}</strong><br>version ${escape(info.version)} · <a href="/api/v1/openapi.json">openapi.json</a><ul>${toc}<li><a href="#schemas">schemas</a></li></ul></nav>
<main><h1>${escape(info.title)}</h1><p>${prose(info.description)}</p>
${tags
  .map(
    (t) =>
      `<h2 id="tag-${escape(t.name)}">${escape(t.name)}</h2><p>${prose(t.description)}</p>${ops
        .filter((o) => o.tag === t.name)
        .map((o) => o.html)
        .join('\n')}`,
  )
  .join('\n')}
<h2 id="schemas">Schemas</h2>
${schemas.map(([name, s]) => `<section id="schema-${escape(name)}"><h3>${escape(name)}</h3><p>${prose(s.description ?? '')}</p>${schemaTable(s)}</section>`).join('\n')}
</main></body></html>`;
}
