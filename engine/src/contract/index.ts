/**
 * The typed contract between the server and its clients: the request and response types of the
 * REST API, generated from `schemas/api/`. Types only, so the browser may import it.
 */
export type * from './api-types.js';
