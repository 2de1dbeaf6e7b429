/**
 * The copy of one case a resident asks for: the whole record (not projected: an admin serves the
 * request), every history entry with its form's titles, and the erasures, labelled from the
 * template version the programme runs.
 */
import type { CompiledTemplate } from '../compile/compile-template.js';
import type { BilingualText, CaseExport, ExportField } from '../export/case-export.js';
import { dataMarks, formMarks } from '../template/privacy-marks.js';
import type { FieldMarks } from '../template/privacy-marks.js';
import type { JsonSchemaObject, Label, Template } from '../template/template.js';
import { caseHistory, getCase } from './case-repository.js';
import { caseErasures } from './erase-personal-data.js';
import { getProgramme } from './programme-repository.js';
import type { StoreContext } from './store-context.js';
import { caseTemplateVersion } from './case-template-version.js';

function both(label: Label | undefined, fallback: string): BilingualText {
  if (label === undefined) return { zh: fallback, en: fallback };
  if (typeof label === 'string') return { zh: label, en: label };
  return { zh: label.zh || label.en || fallback, en: label.en || label.zh || fallback };
}

/** Every field of `schema` in its order, then any other value the record holds. */
function toFields(
  schema: JsonSchemaObject | undefined,
  marks: FieldMarks,
  values: Record<string, unknown>,
): ExportField[] {
  const properties = schema?.properties ?? {};
  const names = [
    ...Object.keys(properties),
    ...Object.keys(values).filter((name) => !Object.hasOwn(properties, name)),
  ];
  return names
    .filter((name) => Object.hasOwn(properties, name) || values[name] !== undefined)
    .map((name) => ({
      name,
      title: both(properties[name]?.title, name),
      sensitivity: marks.get(name)?.sensitivity ?? null,
      value: values[name] ?? null,
    }));
}

/** `enrolled.prepared` → the title of its deepest titled state, each parallel region joined by ` + `. */
function stateTitleOf(compiled: CompiledTemplate, path: string): BilingualText {
  const regions = path.split(' + ').map((one) => {
    const keys = one.split('.');
    for (let depth = keys.length; depth > 0; depth -= 1) {
      const title = compiled.states.get(keys.slice(0, depth).join('.'))?.def.title;
      if (title !== undefined) return both(title, one);
    }
    return { zh: one, en: one };
  });
  return {
    zh: regions.map((r) => r.zh).join(' + '),
    en: regions.map((r) => r.en).join(' + '),
  };
}

/** A history entry's title: the event's, or what the engine's own entries mean. */
function stepTitle(template: Template, type: string): BilingualText {
  if (type === '(open)') return { zh: '建立个案', en: 'Case opened' };
  if (type === '(reassign)') return { zh: '更换负责人', en: 'Reassigned' };
  if (type.startsWith('after:') || type.startsWith('xstate.'))
    return { zh: '到期自动处理', en: 'Deadline passed' };
  return both(template.events?.[type]?.title, type);
}

/** The form an entry's payload was sent with: the event's, or the data schema for the opening. */
function stepForm(template: Template, type: string): JsonSchemaObject | undefined {
  return type === '(open)' ? template.data : template.events?.[type]?.form;
}

/** One case's copy, exported by `exportedBy`, in the caller's scope. */
export async function caseExport(
  ctx: StoreContext,
  caseId: string,
  caller: { scope?: string | undefined; exportedBy: string },
): Promise<CaseExport> {
  const record = await getCase(ctx, caseId, caller.scope);
  const programme = await getProgramme(ctx, record.programmeId);
  // The version the case runs on: its own when a migration left it on an older one.
  const { compiled, version } = await caseTemplateVersion(ctx, record.id);
  const { template } = compiled;
  const roleTitle = (role: string) => ({ role, title: both(template.roles?.[role], role) });
  const history = await caseHistory(ctx, record.id);
  const erasures = await caseErasures(ctx, record.id);
  return {
    format: 'relief-case-export/1',
    exportedAt: ctx.clock.now().toISOString(),
    exportedBy: caller.exportedBy,
    programme: {
      id: programme.id,
      title: programme.title,
      district: programme.district,
      template: {
        id: programme.templateId,
        version,
        title: both(template.title, programme.templateId),
      },
    },
    case: {
      id: record.id,
      ref: record.ref,
      state: record.state,
      stateTitle: stateTitleOf(compiled, record.state),
      done: record.done,
      district: record.district,
      assignee: record.assignee,
      createdAt: record.createdAt.toISOString(),
      updatedAt: record.updatedAt.toISOString(),
      version: record.version,
    },
    data: toFields(template.data, dataMarks(template), record.data),
    history: history.map((entry) => ({
      seq: entry.seq,
      type: entry.type,
      title: stepTitle(template, entry.type),
      from: entry.from,
      to: entry.to,
      toTitle: stateTitleOf(compiled, entry.to),
      actor: entry.actor,
      roles: (entry.roles ?? []).map(roleTitle),
      at: new Date(entry.at).toISOString(),
      payload: toFields(
        stepForm(template, entry.type),
        formMarks(template, entry.type),
        entry.payload ?? {},
      ).filter((f) => f.value !== null),
    })),
    erasures: erasures.map((e) => ({
      at: e.at.toISOString(),
      reason: e.reason,
      fields: e.fields,
      actor: e.actor,
      note: e.note,
    })),
  };
}
