/**
 * A template's JSON Schema (parameters, case data, an event's form) with its bilingual `title`
 * and `description` turned into the chosen language, for the form library (pure).
 */
import type { Lang } from '../model/index.js';
import { pickLabel } from '../shell/pick-label.js';

type Schema = Record<string, unknown>;

/** A copy with every `title` / `description` in `lang`; `x-` keys dropped. */
export function localiseSchema(schema: Schema, lang: Lang): Schema {
  const out: Schema = {};
  for (const [key, value] of Object.entries(schema)) {
    if (key.startsWith('x-')) continue;
    if (key === 'title' || key === 'description') out[key] = pickLabel(value, lang);
    else if (key === 'properties' && value && typeof value === 'object')
      out[key] = Object.fromEntries(
        Object.entries(value as Record<string, Schema>).map(([name, s]) => [
          name,
          localiseSchema(s, lang),
        ]),
      );
    else if (key === 'items' && value && typeof value === 'object' && !Array.isArray(value))
      out[key] = localiseSchema(value as Schema, lang);
    else out[key] = value;
  }
  return out;
}

/** The title of the field a JSON pointer (`/age`, `/items/0/name`) names, in `lang`. */
export function fieldTitleAt(schema: Schema | undefined, pointer: string, lang: Lang): string {
  let node: Schema | undefined = schema;
  let title = '';
  for (const part of pointer.split('/').filter(Boolean)) {
    const props = node?.properties as Record<string, Schema> | undefined;
    node = props?.[part] ?? (/^\d+$/.test(part) ? (node?.items as Schema | undefined) : undefined);
    title = pickLabel(node?.title, lang, part);
  }
  return title;
}
