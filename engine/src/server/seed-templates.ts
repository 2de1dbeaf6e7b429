/** The shipped templates (`templates/*.yaml`), stored and published as their version on an empty database. */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { EngineError } from '../errors/engine-error.js';
import type { ReliefStore } from '../store/index.js';
import type { Logger } from '../api/create-logger.js';

/** `templates/` at the workspace root. */
export const SHIPPED_TEMPLATES_DIR = fileURLToPath(new URL('../../../templates/', import.meta.url));

/** Store and publish every template of `dir` if the database has no template yet; returns their ids. */
export async function seedTemplates(
  store: ReliefStore,
  dir: string,
  log: Logger,
): Promise<string[]> {
  if ((await store.listTemplates()).length > 0) return [];
  const seeded: string[] = [];
  const system = { actorId: 'system' };
  for (const file of readdirSync(dir)
    .filter((f) => f.endsWith('.yaml'))
    .sort()) {
    try {
      const { record } = await store.saveTemplate(readFileSync(join(dir, file), 'utf8'), system);
      await store.publishTemplate(record.templateId, record.version, system);
      seeded.push(record.templateId);
    } catch (error) {
      if (!(error instanceof EngineError)) throw error;
      log.warn('shipped template not loaded', { file, code: error.code });
    }
  }
  log.info('shipped templates published', { count: seeded.length, templates: seeded.join(',') });
  return seeded;
}
