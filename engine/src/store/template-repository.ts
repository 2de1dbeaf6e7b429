/** Template versions: stored as drafts, frozen by publishing; programmes start from published ones. */
import { sql } from 'drizzle-orm';
import {
  NotFoundError,
  TemplateEtagRequiredError,
  TemplateExistsError,
  TemplateInvalidError,
  TemplateVersionPublishedError,
  TemplateVersionStaleError,
} from '../errors/engine-error.js';
import type { CompiledTemplate } from '../compile/compile-template.js';
import type { TemplateIssue } from '../errors/issue-catalog.js';
import type { GalleryDef, Label, Template } from '../template/template.js';
import { validateTemplate } from '../template/validate-template.js';
import type { Row } from './sql/sql-client.js';
import { jsonb } from './sql/sql-client.js';
import type { Caller, StoreContext } from './store-context.js';

/** One stored template version. */
export interface TemplateVersionRecord {
  templateId: string;
  version: number;
  status: 'draft' | 'published';
  source: string;
  /** The checked template (the YAML as JSON). */
  definition: Template;
  createdBy: string | null;
  createdAt: Date;
  publishedBy: string | null;
  publishedAt: Date | null;
  /** Why it was published, as the designer wrote it. */
  publishNote: string | null;
  /** Bumped by every save of the draft. */
  revision: number;
  /** The version's entity tag (`"love-meals.2.3"`: id, version, revision) for `If-Match`. */
  etag: string;
}

/** What a save expects of what is stored (`If-Match`, `If-None-Match: *`). */
export interface SavePrecondition {
  /** The ETag of the version the designer edited: the version saved, or the one it started from. */
  ifMatch?: string;
  /** The caller means a new template: refuse if the id exists. */
  ifNoneMatch?: boolean;
}

/** A template and where its versions stand. */
export interface TemplateSummary {
  id: string;
  title: Label;
  latestVersion: number;
  publishedVersion: number | null;
  updatedAt: Date;
  /** The latest version's gallery entry, if it declares one. */
  gallery?: GalleryDef;
}

/** A saved version and the warnings its validation found. */
export interface SavedTemplate {
  record: TemplateVersionRecord;
  warnings: TemplateIssue[];
}

const COLUMNS = sql.raw(
  'template_id, version, status, source, definition, created_by, created_at, published_by, published_at, publish_note, revision',
);

/** The entity tag of a stored version. */
export function templateEtag(templateId: string, version: number, revision: number): string {
  return `"${templateId}.${version}.${revision}"`;
}

/** The template id an entity tag names (weak or strong), or undefined if it is not one of ours. */
function etagTemplateId(etag: string): string | undefined {
  return /^(?:W\/)?"([a-z0-9-]+)\.\d+\.\d+"$/.exec(etag.trim())?.[1];
}

function toRecord(row: Row): TemplateVersionRecord {
  return {
    templateId: row.template_id as string,
    version: row.version as number,
    status: row.status as 'draft' | 'published',
    source: row.source as string,
    definition: row.definition as Template,
    createdBy: row.created_by as string | null,
    createdAt: row.created_at as Date,
    publishedBy: row.published_by as string | null,
    publishedAt: row.published_at as Date | null,
    publishNote: (row.publish_note as string | null) ?? null,
    revision: row.revision as number,
    etag: templateEtag(row.template_id as string, row.version as number, row.revision as number),
  };
}

/**
 * Validate and store a template version as a draft. Nothing is replaced by accident: replacing an
 * existing draft needs its ETag (`If-Match`; a stale one is refused with 412, a missing one with
 * 428); a new version may name the ETag of the version it started from, refused if another save
 * created the version meanwhile; `If-None-Match: *` refuses an id that exists (409).
 */
export async function saveTemplate(
  ctx: StoreContext,
  source: string,
  caller: Caller,
  precondition: SavePrecondition = {},
): Promise<SavedTemplate> {
  const validation = validateTemplate(source);
  const template = validation.template;
  if (!template) throw new TemplateInvalidError(validation.issues);
  const now = ctx.clock.now();
  // An ETag of another template (a copy saved under a new id) says nothing about this one.
  const ifMatch =
    precondition.ifMatch !== undefined && etagTemplateId(precondition.ifMatch) === template.id
      ? precondition.ifMatch.trim().replace(/^W\//, '')
      : undefined;
  const rows = await ctx.sql.transaction(async (tx) => {
    await tx.query(sql`
      insert into templates (id, title, created_at, updated_at) values (${template.id}, ${jsonb(template.title)}, ${now}, ${now})
      on conflict (id) do update set title = excluded.title, updated_at = excluded.updated_at`);
    // The template row is locked now: saves of one template are decided one after the other.
    const found = await tx.query(sql`
      select ${COLUMNS}, (select p.display_name from people p where p.id::text = v.created_by) as saved_by_name
      from template_versions v where template_id = ${template.id}`);
    const existing = found.map(toRecord);
    const nameOf = (v: TemplateVersionRecord) =>
      (found.find((r) => r.version === v.version)?.saved_by_name as string | null) ?? null;
    if (precondition.ifNoneMatch && existing.length > 0) throw new TemplateExistsError(template.id);
    const target = existing.find((v) => v.version === template.version);
    if (target?.status === 'published')
      throw new TemplateVersionPublishedError(template.id, template.version);
    if (target) {
      if (ifMatch === undefined) throw new TemplateEtagRequiredError(template.id, template.version);
      if (ifMatch !== target.etag)
        throw new TemplateVersionStaleError(template.id, template.version, ifMatch, {
          etag: target.etag,
          savedBy: target.createdBy,
          savedByName: nameOf(target),
          savedAt: target.createdAt,
        });
    } else if (ifMatch !== undefined && !existing.some((v) => v.etag === ifMatch)) {
      // The version started from was replaced by a newer save of it: that save must be seen first.
      const base = existing.find((v) => v.etag.split('.')[1] === ifMatch.split('.')[1]);
      if (base)
        throw new TemplateVersionStaleError(base.templateId, base.version, ifMatch, {
          etag: base.etag,
          savedBy: base.createdBy,
          savedByName: nameOf(base),
          savedAt: base.createdAt,
        });
    }
    return tx.query(sql`
      insert into template_versions (template_id, version, status, source, definition, created_by, created_at, revision)
      values (${template.id}, ${template.version}, 'draft', ${source}, ${JSON.stringify(template)}::text::json, ${caller.actorId}, ${now}, 1)
      on conflict (template_id, version) do update set source = excluded.source, definition = excluded.definition,
        created_by = excluded.created_by, created_at = excluded.created_at, revision = template_versions.revision + 1
      where template_versions.status = 'draft'
      returning ${COLUMNS}`);
  });
  if (!rows[0]) throw new TemplateVersionPublishedError(template.id, template.version);
  return {
    record: toRecord(rows[0]),
    warnings: validation.issues.filter((i) => i.severity === 'warning'),
  };
}

/** Freeze a version so programmes can start from it, recording who and why. Publishing twice is harmless. */
export async function publishTemplate(
  ctx: StoreContext,
  templateId: string,
  version: number,
  caller: Caller,
  note?: string,
): Promise<TemplateVersionRecord> {
  const [row] = await ctx.sql.query(sql`
    update template_versions set status = 'published', published_by = ${caller.actorId}, published_at = ${ctx.clock.now()},
      publish_note = ${note ?? null}
    where template_id = ${templateId} and version = ${version} and status = 'draft'
    returning ${COLUMNS}`);
  return row ? toRecord(row) : getTemplateVersion(ctx, templateId, version);
}

/** One version, or the latest version when `version` is omitted. */
export async function getTemplateVersion(
  ctx: StoreContext,
  templateId: string,
  version?: number,
): Promise<TemplateVersionRecord> {
  const [row] = await ctx.sql.query(
    version === undefined
      ? sql`select ${COLUMNS} from template_versions where template_id = ${templateId} order by version desc limit 1`
      : sql`select ${COLUMNS} from template_versions where template_id = ${templateId} and version = ${version}`,
  );
  if (!row)
    throw new NotFoundError(
      'template',
      version === undefined ? templateId : `${templateId}@${version}`,
    );
  return toRecord(row);
}

/** Every version of a template, newest first. */
export async function listTemplateVersions(
  ctx: StoreContext,
  templateId: string,
): Promise<TemplateVersionRecord[]> {
  const rows = await ctx.sql.query(
    sql`select ${COLUMNS} from template_versions where template_id = ${templateId} order by version desc`,
  );
  if (rows.length === 0) throw new NotFoundError('template', templateId);
  return rows.map(toRecord);
}

/** All templates with their latest and latest published versions. */
export async function listTemplates(ctx: StoreContext): Promise<TemplateSummary[]> {
  const rows = await ctx.sql.query(sql`
    select t.id, t.title, t.updated_at, max(v.version) as latest,
           max(v.version) filter (where v.status = 'published') as published,
           (select l.definition -> 'gallery' from template_versions l
            where l.template_id = t.id order by l.version desc limit 1) as gallery
    from templates t join template_versions v on v.template_id = t.id
    group by t.id order by t.id`);
  return rows.map((row) => ({
    id: row.id as string,
    title: row.title as Label,
    latestVersion: row.latest as number,
    publishedVersion: (row.published as number | null) ?? null,
    updatedAt: row.updated_at as Date,
    ...(row.gallery ? { gallery: row.gallery as GalleryDef } : {}),
  }));
}

/** The compiled machine of a stored version (cached once published). */
export function compiledTemplate(
  ctx: StoreContext,
  templateId: string,
  version: number,
): Promise<CompiledTemplate> {
  return ctx.templates.compiled(templateId, version, ctx.sql);
}
