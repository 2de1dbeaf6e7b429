/**
 * A stand-in for the engine's server while it is being written: serves the built editor at `/` and
 * the template endpoints of `/api/v1` in memory, with the same paths, shapes (`templateId`,
 * `source`, `status`, `{ items }`) and problem+json errors. The e2e suite runs against the real
 * server instead when E2E_BASE_URL is set.
 */
import { createServer } from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { readFile } from 'node:fs/promises';
import { extname, join, normalize } from 'node:path';
import { validateTemplate } from '@relief/engine';

interface Version {
  templateId: string;
  version: number;
  status: 'draft' | 'published';
  source: string;
  title: unknown;
  createdAt: string;
  publishedAt: string | null;
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
};

/** Start the server on a free loopback port; `key` is the only Bearer key it accepts. */
export async function startMockServer(options: {
  distDir: string;
  key: string;
}): Promise<{ url: string; close: () => Promise<void> }> {
  const versions: Version[] = [];
  const send = (res: ServerResponse, status: number, body: unknown, type = 'application/json') => {
    res.writeHead(status, { 'Content-Type': type });
    res.end(typeof body === 'string' || Buffer.isBuffer(body) ? body : JSON.stringify(body));
  };
  const problem = (
    res: ServerResponse,
    status: number,
    title: string,
    detail: string,
    extra: object = {},
  ) =>
    send(
      res,
      status,
      { type: 'about:blank', title, status, detail, ...extra },
      'application/problem+json',
    );
  const of = (id: string) =>
    versions.filter((v) => v.templateId === id).sort((a, b) => b.version - a.version);
  const body = (req: IncomingMessage) =>
    new Promise<string>((resolve) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    });

  const api = async (req: IncomingMessage, res: ServerResponse, path: string) => {
    if (req.headers.authorization !== `Bearer ${options.key}`)
      return problem(res, 401, 'Unauthorized', 'send Authorization: Bearer <key>');
    const parts = path.split('/').filter(Boolean).map(decodeURIComponent);
    if (req.method === 'GET' && parts.length === 1) {
      const ids = [...new Set(versions.map((v) => v.templateId))].sort();
      return send(res, 200, {
        items: ids.map((id) => ({
          id,
          title: of(id)[0]!.title,
          latestVersion: of(id)[0]!.version,
          publishedVersion: of(id).find((v) => v.status === 'published')?.version ?? null,
        })),
      });
    }
    if (req.method === 'POST' && parts.length === 1) {
      const source = await body(req);
      const { template, issues } = validateTemplate(source);
      if (!template)
        return problem(
          res,
          422,
          'Unprocessable Content',
          `the template has ${issues.filter((i) => i.severity === 'error').length} error(s)`,
          { errors: issues },
        );
      const existing = versions.find(
        (v) => v.templateId === template.id && v.version === template.version,
      );
      if (existing?.status === 'published')
        return problem(
          res,
          409,
          'Conflict',
          `version ${template.version} of ${template.id} is published; store it as a new version`,
        );
      const record: Version = {
        templateId: template.id,
        version: template.version,
        status: 'draft',
        source,
        title: template.title,
        createdAt: new Date().toISOString(),
        publishedAt: null,
      };
      if (existing) versions.splice(versions.indexOf(existing), 1);
      versions.push(record);
      return send(res, 201, record);
    }
    const list = of(parts[1] ?? '');
    if (list.length === 0) return problem(res, 404, 'Not Found', `no template ${parts[1]}`);
    if (req.method === 'GET' && parts.length === 2)
      return send(res, 200, {
        ...list[0],
        versions: list.map(({ version, status }) => ({ version, status })),
      });
    const found = list.find((v) => v.version === Number(parts[3]));
    if (!found || parts[2] !== 'versions')
      return problem(res, 404, 'Not Found', `no version ${parts[3]}`);
    if (req.method === 'GET' && parts.length === 4) return send(res, 200, found);
    if (req.method === 'POST' && parts[4] === 'publish') {
      found.status = 'published';
      found.publishedAt ??= new Date().toISOString();
      return send(res, 200, found);
    }
    return problem(res, 405, 'Method Not Allowed', `${req.method} ${path}`);
  };

  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (url.pathname.startsWith('/api/v1/templates'))
      return void api(req, res, url.pathname.slice('/api/v1'.length));
    if (url.pathname.startsWith('/api/')) return problem(res, 404, 'Not Found', url.pathname);
    const file = normalize(
      join(options.distDir, url.pathname === '/' ? 'index.html' : url.pathname),
    );
    if (!file.startsWith(options.distDir)) return problem(res, 404, 'Not Found', url.pathname);
    readFile(file).then(
      (data) => send(res, 200, data, TYPES[extname(file)] ?? 'application/octet-stream'),
      () => problem(res, 404, 'Not Found', url.pathname),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address() as { port: number };
  return {
    url: `http://127.0.0.1:${address.port}`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
