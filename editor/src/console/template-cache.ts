/** Template versions the console has read (a published version never changes: cached per page). */
import type { Template } from '@relief/engine';
import { learnRoleTitles } from '../shell/role-title.js';
import { api } from '../shell/session-store.js';

const cache = new Map<string, Promise<Template>>();

/** The checked definition of a template version (its role titles are remembered too). */
export function loadTemplate(id: string, version: number): Promise<Template> {
  const key = `${id}@${version}`;
  let found = cache.get(key);
  if (!found) {
    found = api.call('getTemplateVersion', { path: { id, v: version } }).then((v) => {
      learnRoleTitles(v.definition.roles);
      return v.definition;
    });
    found.catch(() => cache.delete(key));
    cache.set(key, found);
  }
  return found;
}
