/**
 * A small typed client of the REST API (`/api/v1`, paths as in the design's table). Responses are
 * read tolerantly — a list may come bare or as `{ items }`, a version's YAML as `source` or
 * `yaml` — so the editor keeps working while the server's shapes settle.
 */
import { ProblemError } from './problem-error.js';

/** One template in the list. */
export interface TemplateSummary {
  id: string;
  title: unknown;
  latestVersion: number | undefined;
  versions: VersionSummary[];
}

/** One version of a template. */
export interface VersionSummary {
  version: number;
  status: 'draft' | 'published';
}

/** A stored version with its YAML source. */
export interface TemplateVersion extends VersionSummary {
  id: string;
  source: string;
}

/** How the client reaches the server. */
export interface ApiClientOptions {
  base?: string;
  key: () => string | undefined;
  fetch?: typeof fetch;
}

type Json = Record<string, unknown>;
const str = (v: unknown): string =>
  typeof v === 'string' || typeof v === 'number' ? String(v) : '';
const num = (v: unknown): number | undefined =>
  typeof v === 'number' ? v : typeof v === 'string' && /^\d+$/.test(v) ? Number(v) : undefined;
const statusOf = (o: Json): 'draft' | 'published' =>
  o.status === 'published' || o.published === true || typeof o.publishedAt === 'string'
    ? 'published'
    : 'draft';
const listOf = (body: unknown, ...keys: string[]): Json[] => {
  if (Array.isArray(body)) return body as Json[];
  for (const key of keys)
    if (Array.isArray((body as Json)?.[key])) return (body as Json)[key] as Json[];
  return [];
};

function toVersion(o: Json, id?: string): TemplateVersion {
  const source =
    [o.source, o.yaml, o.text, (o.template as Json | undefined)?.source].find(
      (v): v is string => typeof v === 'string',
    ) ?? '';
  return {
    id: str(o.id ?? o.templateId ?? id),
    version: num(o.version) ?? 0,
    status: statusOf(o),
    source,
  };
}

function toSummary(o: Json): TemplateSummary {
  const versions = listOf(o.versions).map((v) => ({
    version: num(v.version) ?? 0,
    status: statusOf(v),
  }));
  const latestVersion = num(o.latestVersion ?? o.version ?? o.latest);
  const published = num(o.publishedVersion);
  if (versions.length === 0) {
    // The list gives the latest and the latest published version; the rest come from `getVersions`.
    if (published !== undefined && published !== latestVersion)
      versions.push({ version: published, status: 'published' });
    if (latestVersion !== undefined)
      versions.push({
        version: latestVersion,
        status: latestVersion === published ? 'published' : statusOf(o),
      });
  }
  return { id: str(o.id ?? o.templateId), title: o.title, latestVersion, versions };
}

/** Create a client; every request carries the Bearer key. */
export function createApiClient(options: ApiClientOptions) {
  const base = options.base ?? '/api/v1';
  const doFetch =
    options.fetch ?? ((input: RequestInfo | URL, init?: RequestInit) => fetch(input, init));

  async function request(path: string, init: RequestInit = {}): Promise<unknown> {
    const key = options.key();
    const headers = new Headers(init.headers);
    if (key) headers.set('Authorization', `Bearer ${key}`);
    headers.set('Accept', 'application/json, application/problem+json');
    const response = await doFetch(`${base}${path}`, { ...init, headers });
    if (!response.ok) throw await ProblemError.from(response);
    const text = await response.text();
    return text ? (JSON.parse(text) as unknown) : {};
  }

  const yamlBody = (source: string): RequestInit => ({
    method: 'POST',
    body: source,
    headers: { 'Content-Type': 'application/yaml' },
  });

  return {
    /** `GET /templates`: merged by id (a server may list one row per version). */
    async listTemplates(): Promise<TemplateSummary[]> {
      const byId = new Map<string, TemplateSummary>();
      for (const row of listOf(await request('/templates'), 'items', 'templates', 'data')) {
        const summary = toSummary(row);
        const seen = byId.get(summary.id);
        if (!seen) byId.set(summary.id, summary);
        else {
          seen.latestVersion = Math.max(seen.latestVersion ?? 0, summary.latestVersion ?? 0);
          seen.versions.push(...summary.versions);
        }
      }
      return [...byId.values()];
    },
    /** `GET /templates/{id}`: the latest version. */
    async getLatest(id: string): Promise<TemplateVersion> {
      return toVersion((await request(`/templates/${encodeURIComponent(id)}`)) as Json, id);
    },
    /** Every version of a template, oldest first (`versions` of `GET /templates/{id}`). */
    async getVersions(id: string): Promise<VersionSummary[]> {
      const latest = (await request(`/templates/${encodeURIComponent(id)}`)) as Json;
      const versions = listOf(latest.versions).map((v) => ({
        version: num(v.version) ?? 0,
        status: statusOf(v),
      }));
      if (versions.length === 0)
        versions.push({ version: num(latest.version) ?? 0, status: statusOf(latest) });
      return versions.sort((a, b) => a.version - b.version);
    },
    /** `GET /templates/{id}/versions/{v}`. */
    async getVersion(id: string, version: number): Promise<TemplateVersion> {
      return toVersion(
        (await request(`/templates/${encodeURIComponent(id)}/versions/${version}`)) as Json,
        id,
      );
    },
    /** `POST /templates` (YAML body): store a draft version. */
    async saveDraft(source: string): Promise<VersionSummary & { id: string }> {
      const saved = toVersion((await request('/templates', yamlBody(source))) as Json);
      return { id: saved.id, version: saved.version, status: saved.status };
    },
    /** `POST /templates/{id}/versions/{v}/publish`. */
    async publish(id: string, version: number): Promise<void> {
      await request(`/templates/${encodeURIComponent(id)}/versions/${version}/publish`, {
        method: 'POST',
      });
    },
    /** `POST /templates/validate` (YAML body). */
    async validate(source: string): Promise<unknown> {
      return request('/templates/validate', yamlBody(source));
    },
  };
}

/** The client's type. */
export type ApiClient = ReturnType<typeof createApiClient>;
