/** The HTTP API (I/O): the Hono app, its operation table and OpenAPI document, and the server. */
export { createApp } from './create-app.js';
export type { ApiContext, ApiEnv } from './api-context.js';
export { API_OPERATIONS, SYSTEM_ROLES, operation } from './api-operations.js';
export type { Access, OperationSpec, ParameterSpec, SystemRole } from './api-operations.js';
export { buildOpenApi, componentName } from './build-openapi.js';
export { renderDocsPage } from './render-docs-page.js';
export { loadApiSchemas, SCHEMAS_DIR } from './api-schemas.js';
export type { ApiSchemas, SchemaDocument } from './api-schemas.js';
export { createLogger } from './create-logger.js';
export type { LogFields, Logger } from './create-logger.js';
export { toProblem, problemType, PROBLEM_JSON } from './to-problem.js';
export type { ProblemAnswer, ProblemBody } from './to-problem.js';
export { HttpProblem } from './http-problem.js';
export { DEFAULT_BODY_LIMITS } from './read-body.js';
export type { BodyLimits } from './read-body.js';
export { toFieldValue } from './read-import-rows.js';
export { seedTemplates, SHIPPED_TEMPLATES_DIR } from './seed-templates.js';
export { ownerKeyPath, serverHoldingDataDir } from './data-folder-files.js';
export { startServer, engineVersion } from './server.js';
export type { RunningServer, ServerOptions } from './server.js';
export type {
  ApiKey,
  ApiKeyList,
  Case,
  CaseCreate,
  CaseDetail,
  CaseList,
  DeliveryList,
  EventRequest,
  EventResult,
  FieldError,
  Health,
  History,
  ImportResult,
  KeyCreate,
  Label,
  NextEvent,
  NotificationList,
  Problem,
  Programme,
  ProgrammeCreate,
  ProgrammeList,
  ProgrammePatch,
  ProgrammeStats,
  TemplateFinding,
  TemplateList,
  TemplateSource,
  TemplateSummary,
  TemplateValidation,
  TemplateVersion,
  Webhook,
  WebhookCreate,
  WebhookEvent,
  WebhookList,
  Worklist,
} from './api-types.js';
export { schemasToTypes } from './schemas-to-types.js';
