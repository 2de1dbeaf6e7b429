/** The engine's PostgreSQL sessions run with its planner settings (see `ENGINE_SESSION_SETTINGS`). */
import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { gateSuite, missingTestDatabase } from '../../testing/gate-suite.js';
import { createTestDatabase } from './create-test-database.js';

if (gateSuite('engine session settings on postgres', missingTestDatabase())) {
  describe('engine sessions on PostgreSQL', () => {
    it('run with JIT and parallel workers off, on every connection of the pool', async () => {
      const test = await createTestDatabase('postgres', { poolSize: 3 });
      try {
        const read = () =>
          test.database.sql.query<{ jit: string; workers: string }>(sql`
            select current_setting('jit') as jit,
              current_setting('max_parallel_workers_per_gather') as workers, pg_sleep(0.05)`);
        // Three at once: each on its own connection.
        const rows = (await Promise.all([read(), read(), read()])).flat();
        expect(rows.map(({ jit, workers }) => ({ jit, workers }))).toEqual(
          Array.from({ length: 3 }, () => ({ jit: 'off', workers: '0' })),
        );
      } finally {
        await test.drop();
      }
    });
  });
}
