/**
 * Every operation of the REST API in one table: path, who may call it, request body and answers.
 * The router enforces `access` from here, request bodies are validated against `body.schema`, and
 * the OpenAPI document is built from it, so code, checks and docs cannot drift apart.
 */
import { INTEGRATION_OPERATIONS } from './integration-operations.js';
import { META_OPERATIONS } from './meta-operations.js';
import type { OperationSpec } from './operation-spec.js';
import { PERSON_OPERATIONS } from './person-operations.js';
import { PROGRAMME_OPERATIONS } from './programme-operations.js';
import { TEMPLATE_OPERATIONS } from './template-operations.js';

export { SYSTEM_ROLES } from './operation-spec.js';
export type { Access, OperationSpec, ParameterSpec, SystemRole } from './operation-spec.js';

/** The API, in the order of the DESIGN.md table. */
export const API_OPERATIONS: readonly OperationSpec[] = [
  ...META_OPERATIONS,
  ...TEMPLATE_OPERATIONS,
  ...PROGRAMME_OPERATIONS,
  ...INTEGRATION_OPERATIONS,
  ...PERSON_OPERATIONS,
];

/** The operation with this id (throws on a typo, at start-up). */
export function operation(id: string): OperationSpec {
  const found = API_OPERATIONS.find((op) => op.id === id);
  if (!found) throw new Error(`no API operation '${id}'`);
  return found;
}
