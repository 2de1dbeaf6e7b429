/** Which data fields a template's figures read: erasing personal data keeps them. */
import type { Template } from './template.js';

/**
 * Fields the template's figures read (`where`, `by: { field }`, `sum: { data }`, a summed payload
 * `field`): erasure keeps them, so the programme's figures stay as they were.
 */
export function figureFields(template: Template): Set<string> {
  const fields = new Set<string>();
  for (const figure of Object.values(template.figures ?? {})) {
    if (figure.sum?.data) fields.add(figure.sum.data);
    if (figure.sum?.field) fields.add(figure.sum.field);
    if (typeof figure.by === 'object' && 'field' in figure.by) fields.add(figure.by.field);
    for (const m of (figure.where ?? '').matchAll(
      /\bdata\s*(?:\.\s*([A-Za-z_]\w*)|\[\s*['"]([^'"]+)['"]\s*\])/g,
    ))
      fields.add(m[1] ?? m[2]!);
  }
  return fields;
}
