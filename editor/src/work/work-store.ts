/**
 * The Work area's state: the worklist (from the phone's copy first, then the server), the
 * notifications, and the queue of recorded events. Every event goes through the queue — stored
 * in IndexedDB before it is sent — so nothing recorded is lost when the network drops: it is sent
 * in order when the network returns, each with its own `Idempotency-Key` (a retry after a lost
 * answer applies nothing twice) and the `If-Match` version it was made against (a case that moved
 * on meanwhile is a conflict shown on the card, never a blind overwrite).
 */
import { createStore } from 'zustand/vanilla';
import { useStore } from 'zustand';
import { ApiProblem } from '../api/api-problem.js';
import { api, checkSession, sessionStore } from '../shell/session-store.js';
import { loadHistory, loadList, patchList, saveHistory, saveList, workDb } from './offline-db.js';
import type {
  CaseSnapshot,
  History,
  NotificationList,
  QueuedEvent,
  WorkItem,
  WorkNote,
  Worklist,
} from './work-types.js';

/** What the Work area shows. */
export interface WorkState {
  items: WorkItem[];
  asOf: string | undefined;
  /** The list has been read (from the phone or the server) at least once. */
  ready: boolean;
  refreshing: boolean;
  online: boolean;
  queue: QueuedEvent[];
  flushing: boolean;
  notes: WorkNote[];
  unread: number;
  /** The server no longer knows this phone's session: the queue waits for a new sign-in. */
  signInNeeded: boolean;
}

/** The one Work store. */
export const workStore = createStore<WorkState>(() => ({
  items: [],
  asOf: undefined,
  ready: false,
  refreshing: false,
  online: typeof navigator === 'undefined' ? true : navigator.onLine,
  queue: [],
  flushing: false,
  notes: [],
  unread: 0,
  signInNeeded: false,
}));

/** The Work state, in React. */
export const useWork = <T>(pick: (s: WorkState) => T): T => useStore(workStore, pick);

const set = (patch: Partial<WorkState>) => workStore.setState(patch);

/** Whose phone this is: the person signed in (a key has no cases of its own). */
function owner(): string {
  const s = sessionStore.getState().session;
  return s.kind === 'person' ? s.person.id : s.kind === 'key' ? 'key' : '';
}

/** A network failure (no answer), as opposed to the server saying no. */
const isOffline = (error: unknown) => !(error instanceof ApiProblem) || error.status >= 500;

/**
 * The server did not refuse the event but the session: it ended (401), or this browser lost the
 * session's CSRF token (kept per tab, so gone after the browser was closed). Not the event's fault:
 * it stays in the queue.
 */
const isSessionProblem = (error: unknown) =>
  error instanceof ApiProblem &&
  (error.status === 401 || (error.status === 403 && error.code === 'csrf-token-invalid'));

/** Show the phone's copy at once; then ask the server. */
export async function startWork(): Promise<void> {
  const me = owner();
  const stored = await loadList().catch(() => ({ items: [], asOf: undefined, owner: undefined }));
  const mine = stored.owner === me;
  set({
    items: mine ? sortItems(stored.items) : [],
    asOf: mine ? stored.asOf : undefined,
    ready: mine && stored.items.length > 0,
  });
  await loadQueue();
  await refreshWork(!mine);
  void flushQueue();
  void loadNotes();
}

/** Fetch the list: only what changed since the last sync, or all of it. */
export async function refreshWork(full = false): Promise<void> {
  if (workStore.getState().refreshing) return;
  set({ refreshing: true });
  try {
    const { asOf } = workStore.getState();
    if (!full && asOf) {
      const page = await api.call('getWorklist', { query: { since: asOf, limit: 500 } });
      if (page.nextCursor === null) {
        const byId = new Map(workStore.getState().items.map((i) => [i.case.id, i]));
        for (const id of page.removed) byId.delete(id);
        for (const item of page.items) byId.set(item.case.id, item);
        set({ items: sortItems([...byId.values()]), asOf: page.asOf, online: true, ready: true });
        await patchList(page.items, page.removed, page.asOf);
        return;
      }
    }
    const items: WorkItem[] = [];
    let cursor: string | null = null;
    let first: Worklist | undefined;
    do {
      const page: Worklist = await api.call('getWorklist', {
        query: { limit: 500, ...(cursor && { cursor }) },
      });
      first ??= page;
      items.push(...page.items);
      cursor = page.nextCursor;
    } while (cursor && items.length < 5000);
    set({ items, asOf: first.asOf, online: true, ready: true });
    await saveList(owner(), items, first.asOf);
  } catch (error) {
    if (!isOffline(error)) throw error;
    set({ online: false, ready: true });
  } finally {
    set({ refreshing: false });
  }
}

/** Mine first, then by deadline, then longest waiting: the server's order, kept after a patch. */
function sortItems(items: WorkItem[]): WorkItem[] {
  const due = (i: WorkItem) => (i.deadline ? Date.parse(i.deadline) : Number.POSITIVE_INFINITY);
  return [...items].sort(
    (a, b) =>
      Number(b.mine) - Number(a.mine) ||
      due(a) - due(b) ||
      Date.parse(a.case.updatedAt) - Date.parse(b.case.updatedAt) ||
      a.case.id.localeCompare(b.case.id),
  );
}

async function loadQueue(): Promise<void> {
  const me = owner();
  const all = await (await workDb()).getAll('queue');
  set({ queue: all.filter((q) => q.owner === me) });
}

async function putQueued(entry: QueuedEvent): Promise<void> {
  await (await workDb()).put('queue', entry);
}

/** What happened to an event just recorded. */
export type SendOutcome =
  | { kind: 'done'; stateTitle: unknown; state: string }
  | { kind: 'queued' }
  | { kind: 'conflict' | 'refused'; entry: QueuedEvent };

const snapshotOf = (item: WorkItem): CaseSnapshot => ({
  version: item.case.version,
  state: item.case.state,
  stateTitle: item.stateTitle,
});

/**
 * Record an event: stored in the queue first, then sent (with every event queued before it). A
 * second event on the same case made before the first was sent counts on the first: its
 * `If-Match` is the version the first will have made.
 */
export async function recordEvent(
  item: WorkItem,
  type: string,
  title: unknown,
  payload: Record<string, unknown>,
): Promise<SendOutcome> {
  const ahead = workStore
    .getState()
    .queue.filter((q) => q.caseId === item.case.id && q.status !== 'refused').length;
  const entry: QueuedEvent = {
    caseId: item.case.id,
    owner: owner(),
    type,
    title,
    payload,
    idempotencyKey: crypto.randomUUID(),
    ifMatch: item.case.version + ahead,
    made: snapshotOf(item),
    recordedAt: new Date().toISOString(),
    status: 'waiting',
  };
  const db = await workDb();
  entry.seq = await db.add('queue', entry);
  set({ queue: [...workStore.getState().queue, entry] });
  const results = await flushQueue();
  return results.get(entry.seq) ?? { kind: 'queued' };
}

let flushing: Promise<Map<number, SendOutcome>> | undefined;

/** Send what waits, oldest first; stops at the first network failure. */
export function flushQueue(): Promise<Map<number, SendOutcome>> {
  if (flushing) return flushing.then(() => flushQueue());
  flushing = sendWaiting().finally(() => {
    flushing = undefined;
  });
  return flushing;
}

async function sendWaiting(sessionRechecked = false): Promise<Map<number, SendOutcome>> {
  const results = new Map<number, SendOutcome>();
  const update = (entry: QueuedEvent) =>
    set({ queue: workStore.getState().queue.map((q) => (q.seq === entry.seq ? entry : q)) });
  let sent = 0;
  set({ flushing: true });
  try {
    for (const entry of [...workStore.getState().queue].sort((a, b) => a.seq! - b.seq!)) {
      if (entry.status !== 'waiting') continue;
      // An earlier event of this case that did not go through: this one was made on top of it.
      const blocked = workStore
        .getState()
        .queue.find(
          (q) => q.caseId === entry.caseId && q.seq! < entry.seq! && q.status !== 'waiting',
        );
      if (blocked) {
        const held = {
          ...entry,
          status: 'conflict' as const,
          current: blocked.current ?? blocked.made,
        };
        await putQueued(held);
        update(held);
        results.set(entry.seq!, { kind: 'conflict', entry: held });
        continue;
      }
      update({ ...entry, status: 'sending' });
      try {
        const answer = await api.answer('sendEvent', {
          path: { id: entry.caseId },
          body: { type: entry.type, payload: entry.payload },
          headers: { 'Idempotency-Key': entry.idempotencyKey, 'If-Match': String(entry.ifMatch) },
        });
        await (await workDb()).delete('queue', entry.seq!);
        set({
          queue: workStore.getState().queue.filter((q) => q.seq !== entry.seq),
          online: true,
          signInNeeded: false,
        });
        retryDelayMs = FIRST_RETRY_MS;
        applyResult(answer.body.case, answer.body.stateTitle);
        results.set(entry.seq!, {
          kind: 'done',
          stateTitle: answer.body.stateTitle,
          state: answer.body.case.state,
        });
        sent++;
      } catch (error) {
        if (isOffline(error)) {
          update({ ...entry, status: 'waiting' });
          set({ online: false });
          scheduleRetry();
          break;
        }
        if (isSessionProblem(error)) {
          update({ ...entry, status: 'waiting' });
          // Ask who is signed in: a live cookie answers with a fresh CSRF token, and the queue
          // goes on at once; an ended session waits for the worker to sign in again.
          if (!sessionRechecked && (await renewSession())) {
            sessionRechecked = true;
            results.clear();
            return sendWaiting(true);
          }
          set({ signInNeeded: true });
          break;
        }
        const problem = error as ApiProblem;
        const failed: QueuedEvent =
          problem.status === 409 && problem.code === 'version-conflict'
            ? { ...entry, status: 'conflict', current: await currentOf(entry.caseId) }
            : {
                ...entry,
                status: 'refused',
                problem: { code: problem.code, detail: problem.detail },
              };
        await putQueued(failed);
        update(failed);
        results.set(entry.seq!, { kind: failed.status as 'conflict' | 'refused', entry: failed });
      }
    }
  } finally {
    set({ flushing: false });
  }
  if (sent > 0) void refreshWork();
  return results;
}

/** Whether the server still knows this browser's session (and its CSRF token is fresh again). */
async function renewSession(): Promise<boolean> {
  await checkSession();
  const session = sessionStore.getState().session;
  return session.kind === 'key' || (session.kind === 'person' && session.csrfToken !== undefined);
}

const FIRST_RETRY_MS = 2_000;
const LAST_RETRY_MS = 15_000;
let retryDelayMs = FIRST_RETRY_MS;
let retryTimer: number | undefined;

/**
 * No answer from the server: try again on its own, sooner first, then every 15 s at most. The
 * browser's `online` event does not come when the phone has a network but the server was away.
 */
function scheduleRetry(): void {
  if (retryTimer !== undefined || typeof window === 'undefined') return;
  retryTimer = window.setTimeout(() => {
    retryTimer = undefined;
    if (workStore.getState().queue.some((q) => q.status === 'waiting')) void flushQueue();
  }, retryDelayMs);
  retryDelayMs = Math.min(retryDelayMs * 2, LAST_RETRY_MS);
}

/** The case as it is on the server now (for a conflict). */
async function currentOf(caseId: string): Promise<CaseSnapshot | undefined> {
  try {
    const detail = await api.call('getCase', { path: { id: caseId } });
    return { version: detail.version, state: detail.state, stateTitle: detail.stateTitle };
  } catch {
    return undefined;
  }
}

/** After an accepted event: the list's copy of the case moves on until the next refresh. */
function applyResult(record: WorkItem['case'], stateTitle: unknown): void {
  set({
    items: workStore
      .getState()
      .items.map((i) =>
        i.case.id === record.id
          ? { ...i, case: record, stateTitle: stateTitle as WorkItem['stateTitle'], nextEvents: [] }
          : i,
      ),
  });
}

/** A conflict resolved by the worker: send again against the current version, or drop it. */
export async function resolveQueued(
  entry: QueuedEvent,
  choice: 'resend' | 'discard',
): Promise<void> {
  if (choice === 'discard') {
    await (await workDb()).delete('queue', entry.seq!);
    set({ queue: workStore.getState().queue.filter((q) => q.seq !== entry.seq) });
    return;
  }
  const current = entry.current ?? (await currentOf(entry.caseId));
  const again: QueuedEvent = {
    ...entry,
    status: 'waiting',
    ifMatch: current?.version ?? entry.ifMatch,
    made: current ?? entry.made,
    current: undefined,
    problem: undefined,
  };
  await putQueued(again);
  set({ queue: workStore.getState().queue.map((q) => (q.seq === entry.seq ? again : q)) });
  await flushQueue();
}

/** The case's history (newest last), from the server or the phone's copy. */
export async function caseHistory(caseId: string): Promise<History['items'] | undefined> {
  try {
    const page: History = await api.call('getCaseHistory', {
      path: { id: caseId },
      query: { limit: 500 },
    });
    await saveHistory(caseId, page.items);
    return page.items;
  } catch (error) {
    if (!isOffline(error)) throw error;
    return loadHistory(caseId);
  }
}

/** The notifications for my roles and my cases. */
export async function loadNotes(): Promise<void> {
  try {
    const list: NotificationList = await api.call('listNotifications', { query: { limit: 100 } });
    set({ notes: list.items, unread: list.unread });
  } catch (error) {
    if (!isOffline(error)) throw error;
  }
}

/** Mark notifications read. */
export async function markRead(ids: number[]): Promise<void> {
  const answer = await api.call('markNotificationsRead', { body: { ids } });
  set({
    unread: answer.unread,
    notes: workStore.getState().notes.map((n) => (ids.includes(n.id) ? { ...n, read: true } : n)),
  });
}

/** Follow the network: flush and refresh when it comes back. */
export function watchNetwork(): () => void {
  const up = () => {
    set({ online: true });
    retryDelayMs = FIRST_RETRY_MS;
    void flushQueue().then(() => refreshWork());
  };
  const down = () => set({ online: false });
  window.addEventListener('online', up);
  window.addEventListener('offline', down);
  // A queue left from an earlier visit, or a server that came back without a network event.
  const timer = window.setInterval(() => {
    if (workStore.getState().queue.some((q) => q.status === 'waiting')) void flushQueue();
  }, LAST_RETRY_MS);
  return () => {
    window.removeEventListener('online', up);
    window.removeEventListener('offline', down);
    window.clearInterval(timer);
  };
}
