/**
 * Compiled template versions, cached per process. A published version never changes, so its
 * compiled machine is built once and kept; drafts are compiled on every load.
 */
import { sql } from 'drizzle-orm';
import { compileTemplate } from '../compile/compile-template.js';
import type { CompiledTemplate } from '../compile/compile-template.js';
import { NotFoundError, TemplateInvalidError } from '../errors/engine-error.js';
import { validateTemplate } from '../template/validate-template.js';
import type { SqlClient } from './sql/sql-client.js';

/** Loads compiled template versions. */
export interface TemplateCache {
  /** The compiled version; `client` is the transaction to read through on a cache miss. */
  compiled(templateId: string, version: number, client: SqlClient): Promise<CompiledTemplate>;
}

/** Compile from the stored YAML source, exactly as publishing checked it. */
export function compileSource(source: string): CompiledTemplate {
  const validation = validateTemplate(source);
  if (!validation.template) throw new TemplateInvalidError(validation.issues);
  return compileTemplate(validation.template);
}

/** A cache with no limit: a process serves a handful of template versions. */
export function createTemplateCache(): TemplateCache {
  const published = new Map<string, CompiledTemplate>();
  return {
    async compiled(templateId, version, client) {
      const key = `${templateId}@${version}`;
      const hit = published.get(key);
      if (hit) return hit;
      const [row] = await client.query<{ source: string; status: string }>(
        sql`select source, status from template_versions where template_id = ${templateId} and version = ${version}`,
      );
      if (!row) throw new NotFoundError('template version', key);
      const compiled = compileSource(row.source);
      if (row.status === 'published') published.set(key, compiled);
      return compiled;
    },
  };
}
