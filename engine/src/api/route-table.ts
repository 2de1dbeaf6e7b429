/** Handlers by operation id; `create-app.ts` mounts them at the paths of `api-operations.ts`. */
import type { Context } from 'hono';
import type { ApiEnv } from './api-context.js';

/** One operation's handler. */
export type RouteHandler = (c: Context<ApiEnv>) => Promise<Response> | Response;

/** Handlers of some operations, by operation id. */
export type RouteTable = Record<string, RouteHandler>;
