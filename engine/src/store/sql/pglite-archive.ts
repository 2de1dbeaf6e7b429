/**
 * Backups of the embedded database: PGlite's own archive of its data folder (a gzipped tarball of
 * PostgreSQL's files, taken while no query runs, so it is consistent like a crash: PostgreSQL
 * replays its log when the archive is opened), and a fresh folder opened from one.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { PGlite } from '@electric-sql/pglite';

/** The archive of an open PGlite database (queries wait while it is taken). */
export async function dumpPglite(db: PGlite): Promise<Uint8Array<ArrayBuffer>> {
  return new Uint8Array(await (await db.dumpDataDir('gzip')).arrayBuffer());
}

/** Open the folder `dataDir` (no server may hold it), take its archive, close it. */
export async function dumpPgliteDir(dataDir: string): Promise<Uint8Array<ArrayBuffer>> {
  // PostgreSQL's own marker: a folder without it holds no database (PGlite would make a new one).
  if (!existsSync(join(dataDir, 'PG_VERSION')))
    throw new Error(`there is no database in ${dataDir}`);
  const db = await PGlite.create(dataDir);
  try {
    return await dumpPglite(db);
  } finally {
    await db.close();
  }
}

/**
 * Create the database in `dataDir` (missing or empty) from an archive, and count what it holds
 * (an archive that is not one fails here, before anything is reported restored).
 */
export async function loadPgliteDir(
  dataDir: string,
  archive: Uint8Array<ArrayBuffer>,
): Promise<{ cases: number; events: number; reads: number }> {
  // Checked before PGlite reads it: a damaged stream would fail inside PGlite, out of our hands.
  let tar: Buffer;
  try {
    tar = gunzipSync(archive);
  } catch {
    throw new Error('not a gzipped archive');
  }
  if (!tar.includes('PG_VERSION')) throw new Error('the archive holds no PostgreSQL data folder');
  const db = await PGlite.create(dataDir, {
    loadDataDir: new Blob([archive], { type: 'application/gzip' }),
  });
  try {
    const count = async (table: string) =>
      Number(
        (await db.query<{ n: number | string }>(`select count(*) as n from ${table}`)).rows[0]!.n,
      );
    return {
      cases: await count('cases'),
      events: await count('case_history'),
      reads: await count('case_reads'),
    };
  } finally {
    await db.close();
  }
}
