/** What the routes work with: the store, limits, a logger, and the caller of each request. */
import type { DatabaseKind, ReliefStore, SessionPolicy } from '../store/index.js';
import type { WebhookTargetPolicy } from '../webhooks/webhook-target.js';
import type { Caller } from './caller.js';
import type { Logger } from './create-logger.js';
import type { BodyLimits } from './read-body.js';

/** Everything the app needs, injected by `server.ts` or by a test. */
export interface ApiContext {
  store: ReliefStore;
  database: DatabaseKind;
  log: Logger;
  limits: BodyLimits;
  /** Reported by `/health` and the OpenAPI document. */
  version: string;
  /** How long sessions last (default: 12 hours idle, 7 days at most). */
  sessions?: SessionPolicy | undefined;
  /** Which webhook URLs may be subscribed (default: public addresses only). */
  webhookTargets?: WebhookTargetPolicy | undefined;
  /** The embedded database's archive, for `GET /backup` (undefined on PostgreSQL). */
  backup?: (() => Promise<Uint8Array<ArrayBuffer>>) | undefined;
  /** Folder of the editor's built files, served at `/` when present. */
  editorDir?: string | undefined;
}

/** Hono's per-request variables. */
export interface ApiEnv {
  Variables: {
    requestId: string;
    caller: Caller;
  };
}
