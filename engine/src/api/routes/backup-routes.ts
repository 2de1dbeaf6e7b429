/** The backup of the embedded database: only the owner key takes one; PostgreSQL uses pg_dump. */
import type { ApiContext } from '../api-context.js';
import { forbidden, HttpProblem } from '../http-problem.js';
import type { IdsOf, RouteTable } from '../route-table.js';
import type { BACKUP_OPERATIONS } from './backup-operations.js';

/** Handlers of the backup operation. */
export function backupRoutes(ctx: ApiContext): RouteTable<IdsOf<typeof BACKUP_OPERATIONS>> {
  return {
    async backupDatabase(c) {
      // The archive holds every district, the key hashes and the password hashes: the owner's alone.
      if (!c.var.caller.owner) throw forbidden('only the owner key may take a backup');
      if (!ctx.backup)
        throw new HttpProblem(
          409,
          'backup-not-embedded',
          'this server runs on PostgreSQL: back it up with pg_dump (docs/operations.md), not through the API',
        );
      const archive = await ctx.backup();
      ctx.log.info('backup taken', { bytes: archive.byteLength, key: c.var.caller.keyId });
      c.header('content-disposition', 'attachment; filename="relief-backup.tar.gz"');
      c.header('cache-control', 'no-store');
      return c.body(archive, 200, { 'content-type': 'application/gzip' });
    },
  };
}
