/** Handlers by operation id; `create-app.ts` mounts them at the paths of `api-operations.ts`. */
import type { Context } from 'hono';
import type { ApiEnv } from './api-context.js';
import type { OperationId } from './api-operations.js';

/** One operation's handler. */
export type RouteHandler = (c: Context<ApiEnv>) => Promise<Response> | Response;

/**
 * The handlers of some operations, by operation id: `RouteTable<'getHealth' | 'getOpenApi'>`. A
 * resource's routes file returns exactly the ids of its spec file, so a misspelt or missing key is
 * a compile error; `create-app.ts` checks that every id of the table has one.
 */
export type RouteTable<Id extends OperationId = OperationId> = Record<Id, RouteHandler>;

/** The ids of one resource's spec table. */
export type IdsOf<Table extends readonly { id: string }[]> = Table[number]['id'];
