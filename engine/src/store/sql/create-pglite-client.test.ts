import { PGlite } from '@electric-sql/pglite';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPgliteClient } from './create-pglite-client.js';
import type { SqlClient } from './sql-client.js';

describe('createPgliteClient', () => {
  let db: PGlite;
  let client: SqlClient;
  beforeAll(async () => {
    db = new PGlite();
    await db.waitReady;
    client = createPgliteClient(db);
  });
  afterAll(async () => {
    await db.close();
  });

  it('lets the event loop turn between two waiting transactions (a new connection is read)', async () => {
    const order: string[] = [];
    const transaction = (name: string) =>
      client.transaction(async (tx) => {
        order.push(`${name} begins`);
        // What a connection arriving meanwhile looks like: a callback of the next loop turn.
        setImmediate(() => order.push(`turn after ${name}`));
        await tx.query(sql`select 1`);
        order.push(`${name} ends`);
      });
    await Promise.all([transaction('a'), transaction('b'), transaction('c')]);
    expect(order).toEqual([
      'a begins',
      'a ends',
      'turn after a',
      'b begins',
      'b ends',
      'turn after b',
      'c begins',
      'c ends',
    ]);
  });

  it('runs the next transaction after one that failed, and reports each outcome to its caller', async () => {
    const failing = client.transaction(async (tx) => {
      await tx.query(sql`select 1 / 0`);
    });
    const next = client.transaction(async (tx) => tx.query<{ n: number }>(sql`select 2 as n`));
    await expect(failing).rejects.toThrow(/division by zero/);
    expect(await next).toEqual([{ n: 2 }]);
  });
});
