/**
 * Every operation of the REST API in one table: path, who may call it, request body and answers.
 * The router enforces `access` from here, request bodies are validated against `body.schema`, and
 * the OpenAPI document is built from it, so code, checks and docs cannot drift apart. Each resource
 * has its spec (`routes/<resource>-operations.ts`) beside its handlers (`routes/<resource>-routes.ts`).
 */
import type { OperationSpec } from './operation-spec.js';
import { ACCESS_LOG_OPERATIONS } from './routes/access-log-operations.js';
import { BACKUP_OPERATIONS } from './routes/backup-operations.js';
import { CASE_OPERATIONS } from './routes/case-operations.js';
import { KEY_OPERATIONS } from './routes/key-operations.js';
import { META_OPERATIONS } from './routes/meta-operations.js';
import { PERSON_OPERATIONS } from './routes/person-operations.js';
import { PREVIEW_OPERATIONS } from './routes/preview-operations.js';
import { RESIDENT_REQUEST_OPERATIONS } from './routes/resident-request-operations.js';
import { PUSH_OPERATIONS } from './routes/push-operations.js';
import { PROGRAMME_OPERATIONS } from './routes/programme-operations.js';
import { SESSION_OPERATIONS } from './routes/session-operations.js';
import { TEMPLATE_OPERATIONS } from './routes/template-operations.js';
import { WEBHOOK_OPERATIONS } from './routes/webhook-operations.js';
import { WORK_OPERATIONS } from './routes/work-operations.js';

export { SYSTEM_ROLES } from './operation-spec.js';
export type { Access, OperationSpec, ParameterSpec, SystemRole } from './operation-spec.js';

/** The API, in the order of the DESIGN.md table. */
export const API_OPERATIONS = [
  ...META_OPERATIONS,
  ...BACKUP_OPERATIONS,
  ...TEMPLATE_OPERATIONS,
  ...PROGRAMME_OPERATIONS,
  ...PREVIEW_OPERATIONS,
  ...CASE_OPERATIONS,
  ...WORK_OPERATIONS,
  ...PUSH_OPERATIONS,
  ...ACCESS_LOG_OPERATIONS,
  ...RESIDENT_REQUEST_OPERATIONS,
  ...WEBHOOK_OPERATIONS,
  ...KEY_OPERATIONS,
  ...SESSION_OPERATIONS,
  ...PERSON_OPERATIONS,
] as const satisfies readonly OperationSpec[];

/** The id of an operation of the table: handlers are keyed by it, so a typo does not compile. */
export type OperationId = (typeof API_OPERATIONS)[number]['id'];

/** The operation with this id. */
export function operation(id: OperationId): OperationSpec {
  const found = API_OPERATIONS.find((op) => op.id === id);
  if (!found) throw new Error(`no API operation '${id}'`);
  return found;
}
