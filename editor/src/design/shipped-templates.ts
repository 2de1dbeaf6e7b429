/**
 * The shipped templates (`templates/*.yaml`) for the gallery. Each is its own small chunk, loaded
 * only when the gallery opens, so the editor's first screen does not carry them.
 */
import { parse } from 'yaml';
import type { Label } from '@relief/engine';

const sources = import.meta.glob<string>('../../../templates/*.yaml', {
  query: '?raw',
  import: 'default',
});

/** One card of the gallery. */
export interface ShippedTemplate {
  id: string;
  title: Label | undefined;
  category: Label | undefined;
  serves: Label | undefined;
  states: number;
  source: string;
}

/** Every shipped template, sorted by id. */
export async function loadShippedTemplates(): Promise<ShippedTemplate[]> {
  const all = await Promise.all(Object.values(sources).map((load) => load()));
  return all
    .map((source) => {
      const parsed = parse(source) as {
        id?: string;
        title?: Label;
        gallery?: { category?: Label; serves?: Label };
        states?: Record<string, unknown>;
      };
      return {
        id: String(parsed.id ?? ''),
        title: parsed.title,
        category: parsed.gallery?.category,
        serves: parsed.gallery?.serves,
        states: Object.keys(parsed.states ?? {}).length,
        source,
      };
    })
    .sort((a, b) => a.id.localeCompare(b.id));
}
