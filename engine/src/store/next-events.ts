/** The events a caller may send to a case now, with their titles and forms (the API's `nextEvents`). */
import type { CompiledTemplate } from '../compile/compile-template.js';
import { acceptedEvents } from '../runtime/step-case.js';
import type { JsonSchemaObject, Label } from '../template/template.js';
import type { CaseRecord } from './case-record.js';
import { caseTemplateVersion } from './case-template-version.js';
import type { StoreContext } from './store-context.js';

/** One event the case accepts in its current state. */
export interface NextEvent {
  type: string;
  title: Label | null;
  roles: string[] | null;
  form: JsonSchemaObject | null;
}

/** Events the case's state accepts; with `roles`, only those the caller may send. */
export function nextEvents(
  compiled: CompiledTemplate,
  record: Pick<CaseRecord, 'value' | 'done'>,
  roles?: readonly string[],
): NextEvent[] {
  if (record.done) return [];
  return acceptedEvents(compiled, record.value)
    .map((type) => ({ type, def: compiled.template.events?.[type] }))
    .filter(
      ({ def }) => roles === undefined || !def?.roles || def.roles.some((r) => roles.includes(r)),
    )
    .map(({ type, def }) => ({
      type,
      title: def?.title ?? null,
      roles: def?.roles ?? null,
      form: def?.form ?? null,
    }));
}

/** Events a stored case accepts now, read against the template version it runs on. */
export async function caseNextEvents(
  ctx: StoreContext,
  record: CaseRecord,
  roles?: readonly string[],
): Promise<NextEvent[]> {
  const { compiled } = await caseTemplateVersion(ctx, record.id);
  return nextEvents(compiled, record, roles);
}
