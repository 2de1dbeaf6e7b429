/**
 * The phone's own copy (IndexedDB through `idb`): the last worklist and case histories, so the
 * list and the cards stay readable without a network, and the queue of events recorded offline,
 * which survives closing the browser.
 */
import { openDB } from 'idb';
import type { DBSchema, IDBPDatabase } from 'idb';
import type { History, WorkItem } from './work-types.js';
import type { QueuedEvent } from './work-types.js';

interface WorkDb extends DBSchema {
  /** The worklist as last synced, one row per case. */
  items: { key: string; value: WorkItem };
  /** Small facts: when the list was synced (`asOf`), whose list it is. */
  meta: { key: string; value: unknown };
  /** Each case's history as last read. */
  history: { key: string; value: History['items'] };
  /** Events recorded and not yet accepted, in the order they were made. */
  queue: { key: number; value: QueuedEvent; indexes: { byCase: string } };
}

let opening: Promise<IDBPDatabase<WorkDb>> | undefined;

/** The database (opened once per page). */
export function workDb(): Promise<IDBPDatabase<WorkDb>> {
  opening ??= openDB<WorkDb>('relief-work', 1, {
    upgrade(db) {
      db.createObjectStore('items');
      db.createObjectStore('meta');
      db.createObjectStore('history');
      const queue = db.createObjectStore('queue', { keyPath: 'seq', autoIncrement: true });
      queue.createIndex('byCase', 'caseId');
    },
  });
  return opening;
}

/** Replace the stored list (a full load) for this person. */
export async function saveList(owner: string, items: WorkItem[], asOf: string): Promise<void> {
  const db = await workDb();
  const tx = db.transaction(['items', 'meta'], 'readwrite');
  await tx.objectStore('items').clear();
  for (const item of items) await tx.objectStore('items').put(item, item.case.id);
  await tx.objectStore('meta').put(asOf, 'asOf');
  await tx.objectStore('meta').put(owner, 'owner');
  await tx.done;
}

/** Apply a `since` refresh: changed items replaced, removed ones dropped. */
export async function patchList(items: WorkItem[], removed: string[], asOf: string): Promise<void> {
  const db = await workDb();
  const tx = db.transaction(['items', 'meta'], 'readwrite');
  for (const item of items) await tx.objectStore('items').put(item, item.case.id);
  for (const id of removed) await tx.objectStore('items').delete(id);
  await tx.objectStore('meta').put(asOf, 'asOf');
  await tx.done;
}

/** The stored list, its `asOf` and whose it is. */
export async function loadList(): Promise<{
  items: WorkItem[];
  asOf: string | undefined;
  owner: string | undefined;
}> {
  const db = await workDb();
  const [items, asOf, owner] = await Promise.all([
    db.getAll('items'),
    db.get('meta', 'asOf'),
    db.get('meta', 'owner'),
  ]);
  return { items, asOf: asOf as string | undefined, owner: owner as string | undefined };
}

/** Keep a case's history for reading offline. */
export async function saveHistory(caseId: string, items: History['items']): Promise<void> {
  await (await workDb()).put('history', items, caseId);
}

/** A case's history as last read. */
export async function loadHistory(caseId: string): Promise<History['items'] | undefined> {
  return (await workDb()).get('history', caseId);
}
