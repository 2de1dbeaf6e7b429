/**
 * Roles an admin may hand out: auditor, integrator and every programme role of the published
 * templates; for a person signed in, only those it holds itself (the server refuses the others).
 */
import { loadTemplate } from './template-cache.js';
import { api } from '../shell/session-store.js';

/** Role keys, system roles first. */
export async function grantableRoles(
  signal?: AbortSignal,
  held?: readonly string[],
): Promise<string[]> {
  if (held) return [...held];
  const { items } = await api.call('listTemplates', { signal });
  const roles = new Set<string>(['admin', 'auditor', 'integrator']);
  for (const i of items.filter((i) => i.publishedVersion !== null)) {
    const template = await loadTemplate(i.id, i.publishedVersion!).catch(() => undefined);
    for (const r of Object.keys(template?.roles ?? {})) roles.add(r);
  }
  return [...roles];
}
