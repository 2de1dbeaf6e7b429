/** Templates: validate a YAML source, store drafts, publish, read. */
import type { Context } from 'hono';
import {
  MAX_LISTED_FINDINGS,
  NotFoundError,
  TemplateInvalidError,
} from '../../errors/engine-error.js';
import type { TemplateIssue } from '../../errors/issue-catalog.js';
import type { TemplateVersionRecord } from '../../store/index.js';
import type { StateDef } from '../../template/template.js';
import { validateTemplate } from '../../template/validate-template.js';
import { diffTemplates } from '../../template/diff-templates.js';
import type { TemplatePublish, TemplateSource } from '../../contract/api-types.js';
import type { ApiContext, ApiEnv } from '../api-context.js';
import { loadApiSchemas } from '../openapi/api-schemas.js';
import { operation } from '../api-operations.js';
import type { OperationId } from '../api-operations.js';
import { toStoreCaller } from '../caller.js';
import { checkMediaType, parseJson, readBodyText } from '../read-body.js';
import { badRequest } from '../http-problem.js';
import { positiveInt, queryInt } from '../request-input.js';
import type { IdsOf, RouteTable } from '../route-table.js';
import type { TEMPLATE_OPERATIONS } from './template-operations.js';

/** A finding as the API shows it. */
function toFinding({ line, col, pointer, code, severity, message }: TemplateIssue) {
  return { line, col, pointer, code, severity, message };
}

/** A stored version as the API shows it. */
function toVersionView(record: TemplateVersionRecord) {
  return {
    templateId: record.templateId,
    version: record.version,
    status: record.status,
    source: record.source,
    definition: record.definition,
    createdBy: record.createdBy,
    createdAt: record.createdAt,
    publishedBy: record.publishedBy,
    publishedAt: record.publishedAt,
    publishNote: record.publishNote,
    revision: record.revision,
    etag: record.etag,
  };
}

/** The YAML source of the request: `application/yaml` text, or `{ "source": … }` as JSON. */
async function readSource(ctx: ApiContext, c: Context<ApiEnv>, opId: OperationId): Promise<string> {
  const spec = operation(opId).body!;
  const type = checkMediaType(c, [...spec.types, 'application/x-yaml', 'text/yaml', 'text/x-yaml']);
  const text = await readBodyText(c, ctx.limits.bodyBytes);
  if (type !== 'application/json') return text;
  return loadApiSchemas().check<TemplateSource>('template-source', 'request body', parseJson(text))
    .source;
}

function countStates(states: Record<string, StateDef> | undefined): number {
  return Object.values(states ?? {}).reduce((n, s) => n + 1 + countStates(s.states), 0);
}

function version(c: Context<ApiEnv>): { id: string; v: number } {
  const id = c.req.param('id') ?? '';
  const v = positiveInt(c.req.param('v'));
  if (v === undefined) throw new NotFoundError('template version', `${id}@${c.req.param('v')}`);
  return { id, v };
}

/** Handlers of the template operations. */
export function templateRoutes(ctx: ApiContext): RouteTable<IdsOf<typeof TEMPLATE_OPERATIONS>> {
  return {
    async validateTemplate(c) {
      const { template, issues } = validateTemplate(await readSource(ctx, c, 'validateTemplate'));
      if (!template) throw new TemplateInvalidError(issues);
      return c.json({
        valid: true,
        id: template.id,
        version: template.version,
        title: template.title,
        summary: {
          states: countStates(template.states),
          events: Object.keys(template.events ?? {}).length,
          roles: Object.keys(template.roles ?? {}).length,
          ledgers: Object.keys(template.ledgers ?? {}).length,
        },
        warnings: issues.slice(0, MAX_LISTED_FINDINGS).map(toFinding),
        ...(issues.length > MAX_LISTED_FINDINGS && {
          warningsOmitted: issues.length - MAX_LISTED_FINDINGS,
        }),
      });
    },
    async createTemplate(c) {
      const source = await readSource(ctx, c, 'createTemplate');
      const ifNoneMatch = c.req.header('if-none-match');
      if (ifNoneMatch !== undefined && ifNoneMatch.trim() !== '*')
        throw badRequest('invalid-if-none-match', "If-None-Match takes only '*' (a new template)");
      const { record, warnings } = await ctx.store.saveTemplate(
        source,
        toStoreCaller(c.var.caller),
        { ifMatch: c.req.header('if-match'), ifNoneMatch: ifNoneMatch !== undefined },
      );
      c.header('etag', record.etag);
      c.header('location', `/api/v1/templates/${record.templateId}/versions/${record.version}`);
      return c.json({ ...toVersionView(record), warnings: warnings.map(toFinding) }, 201);
    },
    async listTemplates(c) {
      return c.json({ items: await ctx.store.listTemplates() });
    },
    async getTemplate(c) {
      const versions = await ctx.store.listTemplateVersions(c.req.param('id') ?? '');
      c.header('etag', versions[0]!.etag);
      return c.json({
        ...toVersionView(versions[0]!),
        versions: versions.map((v) => ({
          version: v.version,
          status: v.status,
          createdAt: v.createdAt,
          publishedAt: v.publishedAt,
          createdBy: v.createdBy,
          publishedBy: v.publishedBy,
          publishNote: v.publishNote,
        })),
      });
    },
    async getTemplateVersion(c) {
      const { id, v } = version(c);
      const record = await ctx.store.getTemplateVersion(id, v);
      c.header('etag', record.etag);
      return c.json(toVersionView(record));
    },
    async publishTemplate(c) {
      const { id, v } = version(c);
      // The note is optional, and so is the body that carries it.
      const text = await readBodyText(c, ctx.limits.bodyBytes);
      if (text.trim() !== '') checkMediaType(c, operation('publishTemplate').body!.types);
      const { note } =
        text.trim() === ''
          ? { note: undefined }
          : loadApiSchemas().check<TemplatePublish>(
              'template-publish',
              'request body',
              parseJson(text),
            );
      return c.json(
        toVersionView(await ctx.store.publishTemplate(id, v, toStoreCaller(c.var.caller), note)),
      );
    },
    async diffTemplate(c) {
      const id = c.req.param('id') ?? '';
      const versions = await ctx.store.listTemplateVersions(id);
      const toV = queryInt(c, 'to', 1, 999_999_999) ?? versions[0]!.version;
      const fromV =
        queryInt(c, 'from', 1, 999_999_999) ??
        versions.find((v) => v.version < toV && v.status === 'published')?.version ??
        toV - 1;
      const side = (n: number) => {
        const record = versions.find((v) => v.version === n);
        if (!record) throw new NotFoundError('template version', `${id}@${n}`);
        return { template: record.definition, source: record.source };
      };
      return c.json(diffTemplates(side(fromV), side(toV)));
    },
  };
}
