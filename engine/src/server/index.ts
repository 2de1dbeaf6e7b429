/**
 * The server room (I/O): the one place that listens. It opens the database, seeds the shipped
 * templates, creates the owner key, starts the background loops (timer scheduler, webhook sender)
 * and serves the Hono app of `api/`.
 */
export { startServer, engineVersion } from './server.js';
export type { RunningServer, ServerOptions } from './server.js';
export { seedTemplates, SHIPPED_TEMPLATES_DIR } from './seed-templates.js';
export {
  holdDataDir,
  ownerKeyPath,
  serverHoldingDataDir,
  writeOwnerKey,
} from './data-folder-files.js';
