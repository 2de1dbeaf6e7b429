/** What every repository function of the store works with. */
import type { Clock } from '../runtime/clock.js';
import type { EventBatcher } from './event-input.js';
import type { SqlClient } from './sql/sql-client.js';
import type { TemplateCache } from './template-cache.js';

/** The database, the clock and the per-process cache of compiled template versions. */
export interface StoreContext {
  readonly sql: SqlClient;
  readonly clock: Clock;
  readonly templates: TemplateCache;
  /** Group commit: events are applied several to a transaction; absent, one transaction each. */
  readonly events?: EventBatcher | undefined;
}

/** Who is asking: their id for the record, and the district scope they see (absent: everything). */
export interface Caller {
  actorId: string | null;
  scope?: string | undefined;
}
