/** The shipped templates, for tests (Node only: reads files, so it lives outside the pure model). */
import { readFileSync } from 'node:fs';
import { validateTemplate } from '@relief/engine';
import type { Template } from '@relief/engine';

/** The shipped programme templates (`templates/*.yaml`), the four first and then the six of issue 11. */
export const SHIPPED = [
  'love-meals',
  'medical-pass',
  'farmer-sales',
  'winter-kits',
  'one-on-one-care',
  'fever-medicine',
  'hardship-workers',
  'paired-support',
  'volunteer-onboarding',
  'pupil-data',
] as const;

/** Source text of a shipped template. */
export function readShipped(name: string): string {
  return readFileSync(new URL(`../../../templates/${name}.yaml`, import.meta.url), 'utf8');
}

/** A shipped template, checked. */
export function loadShipped(name: string): Template {
  const { template, issues } = validateTemplate(readShipped(name));
  if (!template) throw new Error(`${name}: ${issues.map((i) => i.message).join('; ')}`);
  return template;
}
