/**
 * Names for the access log: people by display name (the first 500 of the caller's districts),
 * programmes by title; a key or an unknown id shows its short id.
 */
import type { CaseReadList } from '@relief/engine/contract';
import type { Translate } from '../../shell/lang-store.js';
import { api } from '../../shell/session-store.js';
import { shortId } from '../format.js';

/** Who and what the reads name. */
export interface ReadNames {
  people: ReadonlyMap<string, string>;
  programmes: ReadonlyMap<string, string>;
}

/** Load the names (either list may be refused: the ids are shown instead). */
export async function loadReadNames(signal: AbortSignal): Promise<ReadNames> {
  const [people, programmes] = await Promise.all([
    api.call('listPeople', { query: { limit: 500 }, signal }).then(
      (page) => page.items,
      () => [],
    ),
    api.call('listProgrammes', { signal }).then(
      (page) => page.items,
      () => [],
    ),
  ]);
  return {
    people: new Map(people.map((p) => [p.id, p.displayName])),
    programmes: new Map(programmes.map((p) => [p.id, p.title])),
  };
}

/** The reader of one read, as a person's name or `API key 1a2b3c4d…`. */
export function readerName(
  read: Pick<CaseReadList['items'][number], 'reader' | 'readerKind'>,
  names: ReadNames | undefined,
  t: Translate,
): string {
  if (read.readerKind === 'key') return t('readerKey', { id: shortId(read.reader) });
  return names?.people.get(read.reader) ?? shortId(read.reader);
}
