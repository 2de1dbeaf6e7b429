/** Whether the database answers (the API's `/health`). */
import { sql } from 'drizzle-orm';
import type { StoreContext } from './store-context.js';

/** Resolves when the database answers a trivial query; rejects with the driver's error if not. */
export async function pingDatabase(ctx: StoreContext): Promise<void> {
  await ctx.sql.query(sql`select 1`);
}
