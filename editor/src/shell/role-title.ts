/** A role's title, never its key: system roles from the catalog, programme roles from templates. */
import type { Lang } from '../model/index.js';
import { translate } from '../i18n/messages.js';
import { pickLabel } from './pick-label.js';

const SYSTEM = {
  owner: 'roleOwner',
  designer: 'roleDesigner',
  admin: 'roleAdmin',
  auditor: 'roleAuditor',
  integrator: 'roleIntegrator',
} as const;

/** Titles of programme roles (committee → 居委会), learnt from the templates the console reads. */
const programmeRoles = new Map<string, unknown>();

/** Remember the role titles a template declares. */
export function learnRoleTitles(roles: Record<string, unknown> | undefined): void {
  for (const [key, title] of Object.entries(roles ?? {})) programmeRoles.set(key, title);
}

/** `admin` → 辖区管理员, `committee` → 居委会 (when a template said so), else the key. */
export function roleTitle(role: string, lang: Lang): string {
  // Object.hasOwn: a role called `toString` or `constructor` is a programme role, not a prototype key.
  if (Object.hasOwn(SYSTEM, role)) return translate(lang, SYSTEM[role as keyof typeof SYSTEM]);
  return pickLabel(programmeRoles.get(role), lang, role);
}

/** Several roles by title: `辖区管理员、居委会` in Chinese, `District admin, Residents' committee` in English. */
export function roleTitles(roles: readonly string[], lang: Lang): string {
  return roles.map((r) => roleTitle(r, lang)).join(lang === 'zh' ? '、' : ', ');
}

/** The system roles an admin may hand out to keys and people. */
export const GRANTABLE_SYSTEM_ROLES = ['auditor', 'integrator'] as const;
