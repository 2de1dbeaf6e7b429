/** A new template from a starting point (the blank starter, a shipped template, the open one). */
import { isMap } from 'yaml';
import { editSource } from './editable-document.js';
import { setLabel } from './field-operations.js';

/** Template ids as the schema allows them (kebab-case, starting with a letter). */
export const TEMPLATE_ID = /^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$/;

/**
 * `source` as a new template: `id`, version 1 and the title; everything else (comments, states,
 * positions) is kept, so a copy reads like the original.
 */
export function asNewTemplate(
  source: string,
  id: string,
  title: { zh: string; en: string },
): string {
  return editSource(source, (doc) => {
    if (!isMap(doc.contents)) return;
    doc.set('id', id);
    doc.set('version', 1);
    setLabel(doc, ['title'], 'zh', title.zh);
    setLabel(doc, ['title'], 'en', title.en);
  });
}
