/** What every repository function of the store works with. */
import type { Clock } from '../runtime/clock.js';
import type { SqlClient } from './sql/sql-client.js';
import type { TemplateCache } from './template-cache.js';

/** The database, the clock and the per-process cache of compiled template versions. */
export interface StoreContext {
  readonly sql: SqlClient;
  readonly clock: Clock;
  readonly templates: TemplateCache;
}

/** Who is asking: their id for the record, and the district scope they see (absent: everything). */
export interface Caller {
  actorId: string | null;
  scope?: string | undefined;
}
