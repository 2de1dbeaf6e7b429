/**
 * Applies the webhook tables' drizzle-kit migrations (`webhook-migrations/`) through a `SqlClient`,
 * the way drizzle's own migrator does (hash and time of each applied file in a journal table), but
 * in a journal of their own so they never interleave with the core schema's migrations.
 */
import { fileURLToPath } from 'node:url';
import { sql } from 'drizzle-orm';
import { readMigrationFiles } from 'drizzle-orm/migrator';
import type { SqlClient } from './sql-client.js';
import { toNumber } from './to-number.js';

/** Folder of the webhook tables' generated migrations. */
export const WEBHOOK_MIGRATIONS_FOLDER = fileURLToPath(
  new URL('./webhook-migrations', import.meta.url),
);

/** Same idea as the core migration lock: processes starting together migrate one at a time. */
const LOCK = 7_245_817_002;

/** Bring the webhook tables up to date; safe to call at every start, from several processes. */
export async function migrateWebhookTables(client: SqlClient): Promise<void> {
  const migrations = readMigrationFiles({ migrationsFolder: WEBHOOK_MIGRATIONS_FOLDER });
  await client.transaction(async (tx) => {
    await tx.query(sql`select pg_advisory_xact_lock(${LOCK})`);
    await tx.query(sql`create schema if not exists drizzle`);
    await tx.query(sql`
      create table if not exists drizzle.__relief_webhook_migrations (
        id serial primary key, hash text not null, created_at bigint)`);
    const [last] = await tx.query<{ created_at: unknown }>(
      sql`select created_at from drizzle.__relief_webhook_migrations order by created_at desc limit 1`,
    );
    const appliedUntil = last ? toNumber(last.created_at) : -1;
    for (const migration of migrations) {
      if (migration.folderMillis <= appliedUntil) continue;
      for (const statement of migration.sql) {
        if (statement.trim()) await tx.query(sql.raw(statement));
      }
      await tx.query(sql`
        insert into drizzle.__relief_webhook_migrations (hash, created_at)
        values (${migration.hash}, ${migration.folderMillis})`);
    }
  });
}
