/**
 * The typed contract between the server and its clients: the request and response types of the
 * REST API, generated from `schemas/api/`, and each operation's method, path, input and answer,
 * generated from the operation table. Types and plain data only, so the browser may import it.
 */
export type * from './api-types.js';
export { API_ROUTES } from './api-operations.js';
export type { ApiOperationId, ApiOperations } from './api-operations.js';
/** Shared by the server's validators and the web app's forms: `multipleOf` compared to 9 decimals. */
export { MULTIPLE_OF_PRECISION } from '../template/multiple-of-precision.js';
