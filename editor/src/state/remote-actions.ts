/**
 * Open, save, publish and compare through the API. Failures become a notice with the server's
 * `detail` and located `errors[]`, never an exception in the UI.
 */
import { isMap } from 'yaml';
import type { ApiClient, TemplateSummary } from '../api/api-client.js';
import { ProblemError } from '../api/problem-error.js';
import { labelText, validateTemplate } from '@relief/engine';
import type { EditorStore } from './editor-store.js';
import { diffGraphs, layoutGraph, toGraph } from '../model/index.js';

/** The actions; each resolves when done (errors are shown, not thrown). */
export function createRemoteActions(store: EditorStore, api: ApiClient) {
  const fail = (error: unknown) => {
    const { say } = store.getState();
    if (error instanceof ProblemError && error.status === 401) say('error', 'needKey');
    else if (error instanceof ProblemError)
      say(
        'error',
        'serverRefused',
        { detail: `${error.status} ${error.detail ?? error.title}` },
        error.lines(),
      );
    else
      say('error', 'network', { detail: error instanceof Error ? error.message : String(error) });
  };
  const guarded =
    <A extends unknown[], R>(fn: (...args: A) => Promise<R>) =>
    async (...args: A): Promise<R | undefined> => {
      try {
        return await fn(...args);
      } catch (error) {
        fail(error);
        return undefined;
      }
    };

  const saveDraft = guarded(async () => {
    const state = store.getState();
    if (state.errorCount > 0) return void state.say('error', 'fixErrorsFirst');
    // A published version is frozen: saving again means the next version number.
    const remote = state.remote;
    if (
      remote?.status === 'published' &&
      state.template.version !== undefined &&
      state.template.version <= remote.version
    ) {
      state.edit((doc) => {
        if (isMap(doc.contents)) doc.set('version', remote.version + 1);
      });
    }
    const source = store.getState().source;
    const saved = await api.saveDraft(source);
    store.getState().set({
      remote: {
        id: saved.id || String(state.template.id),
        version: saved.version || Number(store.getState().template.version),
        status: saved.status,
        savedSource: source,
      },
    });
    store.getState().say('info', 'saved', { v: store.getState().remote!.version });
    return saved;
  });

  return {
    listTemplates: guarded(async (): Promise<TemplateSummary[]> => api.listTemplates()),

    getVersions: guarded(async (id: string) => api.getVersions(id)),

    open: guarded(async (id: string, version?: number) => {
      const found =
        version === undefined ? await api.getLatest(id) : await api.getVersion(id, version);
      store.getState().load(found.source, {
        id: found.id || id,
        version: found.version,
        status: found.status,
        savedSource: found.source,
      });
    }),

    saveDraft,

    publish: guarded(async () => {
      const state = store.getState();
      if (
        !state.remote ||
        state.remote.savedSource !== state.source ||
        state.remote.status === 'published'
      ) {
        if (state.remote?.status === 'published' && state.remote.savedSource === state.source)
          return;
        if (!(await saveDraft())) return;
      }
      const remote = store.getState().remote!;
      await api.publish(remote.id, remote.version);
      store.getState().set({ remote: { ...remote, status: 'published' } });
      store.getState().say('info', 'publishedNotice', { v: remote.version });
    }),

    compare: guarded(async (id: string, from: number, to: number) => {
      const [a, b] = await Promise.all([api.getVersion(id, from), api.getVersion(id, to)]);
      const graphOf = (source: string) => toGraph(validateTemplate(source).parsed.value as never);
      const result = diffGraphs(graphOf(a.source), graphOf(b.source));
      const lang = store.getState().lang;
      const titles = new Map(
        result.graph.nodes.map((n) => [n.id, labelText(n.title, lang) ?? n.key]),
      );
      const boxes = layoutGraph(
        result.graph,
        (nodeId) => titles.get(nodeId) ?? nodeId,
        new Map(),
        store.getState().direction,
      );
      store.getState().set({
        diff: { from, to, result, boxes },
        sim: undefined,
        viewNonce: store.getState().viewNonce + 1,
      });
    }),
  };
}

/** The actions' type. */
export type RemoteActions = ReturnType<typeof createRemoteActions>;
