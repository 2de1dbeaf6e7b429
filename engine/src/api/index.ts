/**
 * The HTTP API (I/O): the Hono app, its operation table and OpenAPI document. Listening and the
 * background loops are the server room's (`server/`); the request and response types are
 * `contract/`'s.
 */
export { createApp } from './create-app.js';
export type { ApiContext, ApiEnv } from './api-context.js';
export { API_OPERATIONS, SYSTEM_ROLES, operation } from './api-operations.js';
export type {
  Access,
  OperationId,
  OperationSpec,
  ParameterSpec,
  SystemRole,
} from './api-operations.js';
export { buildOpenApi, componentName } from './openapi/build-openapi.js';
export { renderDocsPage } from './openapi/render-docs-page.js';
export { loadApiSchemas, SCHEMAS_DIR } from './openapi/api-schemas.js';
export type { ApiSchemas, SchemaDocument } from './openapi/api-schemas.js';
export { createLogger } from './create-logger.js';
export type { LogFields, Logger } from './create-logger.js';
export { toProblem, problemType, PROBLEM_JSON } from './to-problem.js';
export type { ProblemAnswer, ProblemBody } from './to-problem.js';
export { HttpProblem } from './http-problem.js';
export { DEFAULT_BODY_LIMITS } from './read-body.js';
export type { BodyLimits } from './read-body.js';
export { toFieldValue } from './read-import-rows.js';
export { schemasToTypes } from './openapi/schemas-to-types.js';
