/** Operations of the API: a backup of the embedded database, taken by the running server. */
import type { OperationSpec } from '../operation-spec.js';

/** Backups. */
export const BACKUP_OPERATIONS = [
  {
    id: 'backupDatabase',
    method: 'get',
    path: '/api/v1/backup',
    tag: 'meta',
    summary: 'A backup of the embedded database (PGlite) as a gzipped archive: the owner key only',
    description:
      "Taken by the server while no query runs, so it is consistent; `relief backup` calls it when the server holds the data folder, and `relief restore` opens it. It holds every resident's personal data: keep it encrypted. 403 for anyone but the owner key; 409 `backup-not-embedded` on PostgreSQL (back it up with `pg_dump`, docs/operations.md).",
    access: ['admin'],
    success: { status: 200, schema: null, contentType: 'application/gzip' },
    problems: [403, 409],
  },
] as const satisfies readonly OperationSpec[];
