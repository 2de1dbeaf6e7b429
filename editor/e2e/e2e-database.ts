/**
 * A fresh PostgreSQL database for one end-to-end run (`relief_e2e_<random>` on the server of
 * `TEST_DATABASE_URL`), dropped afterwards, so the web app is tried on PostgreSQL as well as PGlite.
 */
import { randomBytes } from 'node:crypto';
import postgres from 'postgres';

/** Which database the server under test runs on. */
export type E2eDatabase = 'pglite' | 'postgres';

/** Create the database; resolves with its URL and how to drop it. */
export async function createE2eDatabase(): Promise<{ url: string; drop: () => Promise<void> }> {
  const server = process.env.TEST_DATABASE_URL;
  if (!server) throw new Error('TEST_DATABASE_URL is not set');
  const name = `relief_e2e_${randomBytes(6).toString('hex')}`;
  const admin = postgres(server, { max: 1, onnotice: () => undefined });
  await admin.unsafe(`create database ${name}`);
  const url = new URL(server);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      await admin.unsafe(`drop database if exists ${name} with (force)`);
      await admin.end({ timeout: 5 });
    },
  };
}
