/**
 * Open, save, publish and compare through the API. Failures become a notice with the server's
 * `detail` and located `errors[]`, never an exception in the UI.
 */
import { isMap } from 'yaml';
import type { TemplateSummary, TemplateVersion } from '@relief/engine/contract';
import type { ApiClient } from '../api/api-client.js';
import { ApiProblem } from '../api/api-problem.js';
import { diffTemplates, labelText, validateTemplate } from '@relief/engine';
import type { EditorStore } from './editor-store.js';
import { diffGraphs, layoutGraph, semanticMarks, toGraph } from '../model/index.js';
import type { LayoutDirection, Lang } from '../model/index.js';
import { messages, translate } from '../i18n/messages.js';
import { issueText } from '../i18n/issue-text.js';
import { problemText } from '../shell/problem-text.js';
import type { Lang as UiLang } from '../model/index.js';
import type { IssueCode } from '@relief/engine';

/** What the server refused, by its code (its English detail only in English; else the status). */
function refusalText(error: ApiProblem, lang: UiLang): string {
  if (`problem.${error.code}` in messages) return problemText(error, lang);
  return lang === 'en' && error.detail ? `${error.status} ${error.detail}` : String(error.status);
}

/** A refusal's located findings as lines (`12:5 …`), each in the designer's language. */
function findingLines(error: ApiProblem, lang: UiLang): string[] {
  return error.findings.map(
    (f) =>
      `${f.line}:${f.col} ${issueText({ code: f.code as IssueCode, message: f.message }, lang)}`,
  );
}

/** One version of a template: its number and whether it is published. */
export type VersionSummary = Pick<TemplateVersion, 'version' | 'status'>;

/** The actions; each resolves when done (errors are shown, not thrown). */
export function createRemoteActions(store: EditorStore, api: ApiClient) {
  const fail = (error: unknown) => {
    const { say, lang } = store.getState();
    if (error instanceof ApiProblem && error.status === 401) say('error', 'needKey');
    else if (error instanceof ApiProblem)
      // The catalog's text for the stable code (the server's English only in English), and each
      // located finding said from its code.
      say(
        'error',
        'serverRefused',
        { detail: refusalText(error, lang) },
        findingLines(error, lang),
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
    // The ETag of what was opened or last saved; without one this is a new template.
    const etag = store.getState().remote?.etag;
    let saved;
    try {
      saved = await api.call('createTemplate', {
        body: source,
        headers: etag ? { 'If-Match': etag } : { 'If-None-Match': '*' },
      });
    } catch (error) {
      if (error instanceof ApiProblem && error.code === 'template-version-stale') {
        const d = error.details as { version?: number; savedByName?: string; savedAt?: string };
        const lang = store.getState().lang;
        // A person by name; a key has none (its id means nothing to a designer).
        store.getState().say('error', 'saveStale', {
          v: d.version ?? '',
          who: d.savedByName ?? translate(lang, 'someoneElse'),
          at: d.savedAt
            ? new Date(d.savedAt).toLocaleString(lang === 'zh' ? 'zh-CN' : 'en-GB')
            : '',
        });
        const notice = store.getState().notice!;
        const id = String((error.details as { templateId?: string }).templateId ?? '');
        if (d.version !== undefined)
          store.getState().set({ notice: { ...notice, conflict: { id, version: d.version } } });
        return undefined;
      }
      if (error instanceof ApiProblem && error.code === 'template-exists') {
        store.getState().say('error', 'templateExists', {
          id: String((error.details as { templateId?: string }).templateId ?? ''),
        });
        return undefined;
      }
      throw error;
    }
    store.getState().set({
      remote: {
        id: saved.templateId,
        version: saved.version,
        status: saved.status,
        savedSource: source,
        etag: saved.etag,
      },
    });
    store.getState().say('info', 'saved', { v: store.getState().remote!.version });
    return saved;
  });

  return {
    /** The templates; a refusal is thrown (the Open dialog says why: no key, no right). */
    listTemplates: async (): Promise<TemplateSummary[]> => (await api.call('listTemplates')).items,

    /** Every version, oldest first. */
    getVersions: guarded(async (id: string): Promise<VersionSummary[]> => {
      const latest = await api.call('getTemplate', { path: { id } });
      return (latest.versions ?? [latest])
        .map(({ version, status }) => ({ version, status }))
        .sort((a, b) => a.version - b.version);
    }),

    open: guarded(async (id: string, version?: number) => {
      const found =
        version === undefined
          ? await api.call('getTemplate', { path: { id } })
          : await api.call('getTemplateVersion', { path: { id, v: version } });
      store.getState().load(found.source, {
        id: found.templateId,
        version: found.version,
        status: found.status,
        savedSource: found.source,
        etag: found.etag,
      });
    }),

    saveDraft,

    /** The latest published version of a template, or undefined (none yet, or a new template). */
    lastPublished: async (id: string): Promise<{ version: number; source: string } | undefined> => {
      try {
        const latest = await api.call('getTemplate', { path: { id } });
        const published = (latest.versions ?? [])
          .filter((v) => v.status === 'published')
          .sort((a, b) => b.version - a.version)[0];
        if (!published) return undefined;
        const found = await api.call('getTemplateVersion', { path: { id, v: published.version } });
        return { version: found.version, source: found.source };
      } catch (error) {
        if (error instanceof ApiProblem && error.status === 404) return undefined;
        fail(error);
        return undefined;
      }
    },

    publish: guarded(async (note?: string) => {
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
      await api.call('publishTemplate', {
        path: { id: remote.id, v: remote.version },
        body: note?.trim() ? { note: note.trim() } : {},
      });
      store.getState().set({ remote: { ...remote, status: 'published' } });
      store.getState().say('info', 'publishedNotice', { v: remote.version });
    }),

    /** A save conflict: the version as someone else saved it, against the designer's own. */
    seeOtherChange: guarded(async (id: string, version: number) => {
      const theirs = await api.call('getTemplateVersion', { path: { id, v: version } });
      const state = store.getState();
      store.getState().set({
        diff: {
          from: version,
          to: version,
          ...compareSources(state.source, theirs.source, state.lang, state.direction),
          title: translate(state.lang, 'otherChange', { v: version }),
        },
        sim: undefined,
        viewNonce: state.viewNonce + 1,
      });
    }),

    compare: guarded(async (id: string, from: number, to: number) => {
      const [a, b] = await Promise.all(
        [from, to].map((v) => api.call('getTemplateVersion', { path: { id, v } })),
      );
      const { lang, direction } = store.getState();
      store.getState().set({
        diff: { from, to, ...compareSources(a!.source, b!.source, lang, direction) },
        sim: undefined,
        viewNonce: store.getState().viewNonce + 1,
      });
    }),
  };
}

/**
 * Two sources on one canvas: the graph diff (laid out), completed by the engine's semantic diff
 * when both sides are valid templates (its changes marked on their nodes and edges).
 */
function compareSources(older: string, newer: string, lang: Lang, direction: LayoutDirection) {
  const a = validateTemplate(older);
  const b = validateTemplate(newer);
  const graph = diffGraphs(toGraph(a.parsed.value as never), toGraph(b.parsed.value as never));
  const titles = new Map(graph.graph.nodes.map((n) => [n.id, labelText(n.title, lang) ?? n.key]));
  const boxes = layoutGraph(graph.graph, (id) => titles.get(id) ?? id, new Map(), direction);
  if (!a.template || !b.template) return { result: graph, boxes };
  const { changes } = diffTemplates(
    { template: a.template, source: older },
    { template: b.template, source: newer },
  );
  const marks = semanticMarks(graph, changes);
  return {
    result: { ...graph, status: marks.status, counts: marks.counts },
    boxes,
    semantic: { changes, marks, older: a.template, newer: b.template },
  };
}

/** The actions' type. */
export type RemoteActions = ReturnType<typeof createRemoteActions>;
