/**
 * The one store. The YAML source is the truth; every canvas or panel edit is an operation on the
 * YAML Document (model/), giving a new source that goes through the same path as typing in the
 * YAML panel: derive the view, record undo.
 */
import { createStore } from 'zustand/vanilla';
import type { Document } from 'yaml';
import type { Template, TemplateChange, TemplateIssue } from '@relief/engine';
import { translate } from '../i18n/messages.js';
import type { MessageKey } from '../i18n/messages.js';
import { deriveView, layoutFor } from './derive-view.js';
import type { SourceView } from './derive-view.js';
import {
  EditError,
  clearPositions,
  editSource,
  locateIssue,
  visibleGraph,
} from '../model/index.js';
import type {
  EdgeRoute,
  GraphDiff,
  LayeredLayout,
  Lang,
  LayoutDirection,
  NodeBox,
  SemanticMarks,
  Selection,
  Simulation,
} from '../model/index.js';

/** Where the open template lives on the server, if it came from there. */
export interface RemoteRef {
  id: string;
  version: number;
  status: 'draft' | 'published';
  /** The source as last saved or opened; the editor is dirty when it differs. */
  savedSource: string;
  /** The version's ETag as last saved or opened: sent as `If-Match`, so no save replaces another. */
  etag?: string;
}

/** A short message in the status bar. */
export interface Notice {
  kind: 'info' | 'error';
  text: string;
  details?: string[];
  /** The catalog key and arguments `text` was made from (to say it again in another language). */
  key?: MessageKey;
  args?: Record<string, string | number>;
  /** A save was refused as stale: the version someone else saved, to look at. */
  conflict?: { id: string; version: number };
}

/** The editor's state. */
export interface EditorState extends SourceView {
  lang: Lang;
  direction: LayoutDirection;
  source: string;
  selection: Selection;
  past: string[];
  future: string[];
  clipboard: { key: string; value: unknown } | undefined;
  notice: Notice | undefined;
  /** A request to put the YAML cursor somewhere (nonce makes repeats count). */
  cursor: { line: number; col: number; nonce: number } | undefined;
  remote: RemoteRef | undefined;
  sim: Simulation | undefined;
  diff:
    | {
        from: number;
        to: number;
        result: GraphDiff;
        boxes: Map<string, NodeBox>;
        /** Edge routes and label places once the layered layout of the comparison arrived. */
        routes?: Map<string, EdgeRoute>;
        /** The language and direction the routes were made for (`zh TB`). */
        routesFor?: string;
        /** What is compared when it is not two stored versions (a save conflict). */
        title?: string;
        /** The engine's semantic diff, when both sides are valid templates. */
        semantic?: {
          changes: TemplateChange[];
          marks: SemanticMarks;
          older: Template;
          newer: Template;
        };
      }
    | undefined;
  /** The last plain-typing undo checkpoint, to group keystrokes into one undo step. */
  typedAt: number;
  /** Bumped when the canvas should fit the whole graph in view (open, layout, diff). */
  viewNonce: number;
  /** Edge routes and label places from the last layered layout (absolute; see `EdgeRoute.ends`). */
  routes: Map<string, EdgeRoute>;
  /**
   * Bumped when the graph should get a fresh layered layout (open, auto layout, direction or
   * language): the canvas runs it (ELK, in a worker) and hands it back with `applyLayered`.
   */
  layoutNonce: number;
  /**
   * The next layered layout fits the view when it arrives (open, auto layout, direction,
   * language, fold or unfold); one after an edit that adds, removes or reconnects states keeps
   * the viewport, so a designer working on a large graph stays where they were.
   */
  fitOnLayout: boolean;
  /**
   * The boxes are a placeholder (a template just opened): the canvas hides the graph until the
   * layered layout arrives, or falls back to the per-level layout if it cannot be had.
   */
  placeholder: boolean;
  /**
   * The template just opened is on the canvas, laid out and measured (set by the canvas). Work
   * that can wait for it, such as the YAML panel taking a large new text, waits for it.
   */
  drawn: boolean;
  /** Compound states shown folded into one node (a view choice, not part of the template). */
  collapsed: Set<string>;

  load: (source: string, remote?: RemoteRef) => void;
  setSource: (source: string, origin: 'yaml' | 'edit') => void;
  edit: <T>(operation: (doc: Document) => T) => T | undefined;
  undo: () => void;
  redo: () => void;
  select: (selection: Selection) => void;
  revealIssue: (issue: TemplateIssue) => void;
  relayout: () => void;
  /** Fold or unfold a compound state on the canvas (lays the graph out again). */
  toggleCollapsed: (id: string) => void;
  /** Fold exactly these groups (from the URL); `fit` fits the view to the graph after. */
  setCollapsed: (ids: Iterable<string>, fit?: boolean) => void;
  /** Take a layered layout made for `graph` (ignored if the graph has changed since). */
  applyLayered: (layout: LayeredLayout, graph: EditorState['graph']) => void;
  /** No layered layout could be had: replace a placeholder with the per-level layout. */
  layeredFailed: () => void;
  setLang: (lang: Lang) => void;
  /** Lay the graph out in the other direction (stored positions stay). */
  setDirection: (direction: LayoutDirection) => void;
  say: (
    kind: Notice['kind'],
    key: MessageKey,
    args?: Record<string, string | number>,
    details?: string[],
  ) => void;
  set: (partial: Partial<EditorState>) => void;
  /** Changes not saved to the server (or, for a template not from the server, any change at all). */
  isDirty: () => boolean;
}

const HISTORY = 200;
const TYPING_GROUP_MS = 800;

/** Create the store, opened on `source`. */
export function createEditorStore(
  source: string,
  lang: Lang = 'zh',
  direction: LayoutDirection = 'TB',
) {
  return createStore<EditorState>()((set, get) => ({
    ...deriveView(source, { lang, direction }),
    lang,
    direction,
    source,
    selection: { kind: 'template' },
    past: [],
    future: [],
    clipboard: undefined,
    notice: undefined,
    cursor: undefined,
    remote: undefined,
    sim: undefined,
    diff: undefined,
    typedAt: 0,
    viewNonce: 0,
    routes: new Map(),
    layoutNonce: 1,
    fitOnLayout: true,
    collapsed: new Set(),
    placeholder: false,
    drawn: false,

    load(next, remote) {
      // Folded groups stay folded when the template has them (a reload of a shared link).
      const view = deriveView(next, { ...get(), collapsed: new Set(), quick: true });
      const groups = new Set(view.graph.nodes.map((n) => n.id));
      const collapsed = new Set([...get().collapsed].filter((id) => groups.has(id)));
      if (collapsed.size > 0)
        view.boxes = layoutFor(view.graph, { ...get(), collapsed, quick: true });
      set({
        ...view,
        collapsed,
        placeholder: view.graph.nodes.length > 0,
        drawn: false,
        source: next,
        remote,
        past: [],
        future: [],
        selection: { kind: 'template' },
        sim: undefined,
        diff: undefined,
        notice: undefined,
        viewNonce: get().viewNonce + 1,
        routes: new Map(),
        layoutNonce: get().layoutNonce + 1,
        fitOnLayout: true,
      });
    },

    setSource(next, origin) {
      const state = get();
      if (next === state.source) return;
      const now = Date.now();
      const grouped = origin === 'yaml' && now - state.typedAt < TYPING_GROUP_MS;
      const past = grouped ? state.past : [...state.past, state.source].slice(-HISTORY);
      const view = deriveView(next, state, state);
      set({
        ...view,
        ...reshaped(state, view.graph),
        source: next,
        past,
        future: [],
        typedAt: origin === 'yaml' ? now : 0,
        sim: undefined,
        // What the bar said was about the text before this change ("saved as v3", a refusal);
        // a save conflict stays until the designer has looked at it.
        ...(state.notice && !state.notice.conflict && { notice: undefined }),
      });
    },

    edit(operation) {
      let result: ReturnType<typeof operation> | undefined;
      try {
        const next = editSource(get().source, (doc) => {
          result = operation(doc);
        });
        get().setSource(next, 'edit');
        return result;
      } catch (error) {
        if (error instanceof EditError) get().say('error', error.code, { name: error.subject });
        else if (error instanceof SyntaxError) get().say('error', 'yamlBroken');
        else throw error;
        return undefined;
      }
    },

    undo() {
      const { past, future, source } = get();
      const previous = past.at(-1);
      if (previous === undefined) return;
      const view = deriveView(previous, get(), get());
      set({
        ...view,
        ...reshaped(get(), view.graph),
        source: previous,
        past: past.slice(0, -1),
        future: [source, ...future],
        typedAt: 0,
        sim: undefined,
      });
    },

    redo() {
      const { past, future, source } = get();
      const next = future[0];
      if (next === undefined) return;
      const view = deriveView(next, get(), get());
      set({
        ...view,
        ...reshaped(get(), view.graph),
        source: next,
        past: [...past, source],
        future: future.slice(1),
        typedAt: 0,
        sim: undefined,
      });
    },

    select(selection) {
      // A state inside a folded group: unfold the groups around it, so it can be seen.
      const { graph, collapsed } = get();
      if (selection.kind === 'state' && collapsed.size > 0) {
        const parentOf = new Map(graph.nodes.map((n) => [n.id, n.parentId]));
        const open = new Set(collapsed);
        for (let cur = parentOf.get(selection.id); cur !== undefined; cur = parentOf.get(cur))
          open.delete(cur);
        if (open.size !== collapsed.size) get().setCollapsed(open, false);
      }
      set({ selection });
    },

    layeredFailed() {
      const state = get();
      if (state.placeholder)
        set({
          boxes: layoutFor(state.graph, state),
          placeholder: false,
          viewNonce: state.viewNonce + 1,
          fitOnLayout: false,
        });
      else if (state.fitOnLayout) set({ fitOnLayout: false });
    },

    toggleCollapsed(id) {
      const next = new Set(get().collapsed);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      get().setCollapsed(next);
    },

    setCollapsed(ids, fit = true) {
      const state = get();
      const collapsed = new Set(ids);
      if ([...collapsed].sort().join() === [...state.collapsed].sort().join()) return;
      set({
        collapsed,
        boxes: layoutFor(state.graph, { ...state, collapsed }),
        routes: new Map(),
        layoutNonce: state.layoutNonce + 1,
        viewNonce: state.viewNonce + (fit ? 1 : 0),
        fitOnLayout: state.fitOnLayout || fit,
      });
    },

    revealIssue(issue) {
      set({
        selection: locateIssue(issue, get().graph),
        cursor: { line: issue.line, col: issue.col, nonce: Date.now() },
      });
    },

    relayout() {
      const state = get();
      const hasStored = state.graph.nodes.some((n) => n.position);
      if (hasStored) state.edit(clearPositions);
      const after = get();
      set({
        boxes: layoutFor(after.graph, after),
        viewNonce: after.viewNonce + 1,
        routes: new Map(),
        layoutNonce: after.layoutNonce + 1,
        fitOnLayout: true,
      });
    },

    applyLayered(layout, graph) {
      const state = get();
      const shown = visibleGraph(state.graph, state.collapsed);
      if (state.diff || graphShape(shown) !== graphShape(graph)) return;
      // States that appeared since the request keep the place they were given.
      const boxes = new Map(state.boxes);
      for (const [id, box] of layout.boxes) boxes.set(id, box);
      const fit = state.fitOnLayout || state.placeholder;
      set({
        boxes,
        routes: layout.routes,
        viewNonce: state.viewNonce + (fit ? 1 : 0),
        fitOnLayout: false,
        placeholder: false,
      });
    },

    setLang(next) {
      const state = get();
      // A notice made only of numbers is said again in the new language; one quoting text in the
      // old language (a server's refusal) is dropped rather than shown half in each.
      const notice = state.notice;
      const sayable =
        notice?.key !== undefined &&
        !notice.details?.length &&
        Object.values(notice.args ?? {}).every((v) => typeof v === 'number');
      set({
        lang: next,
        ...(notice && !sayable && !notice.conflict && { notice: undefined }),
        boxes: layoutFor(state.graph, { lang: next, direction: state.direction }, state),
        // Labels change length with the language: lay out again (and fit) for the new sizes.
        layoutNonce: state.layoutNonce + 1,
        fitOnLayout: true,
      });
    },

    setDirection(next) {
      const state = get();
      set({
        direction: next,
        boxes: layoutFor(state.graph, { lang: state.lang, direction: next }),
        viewNonce: state.viewNonce + 1,
        routes: new Map(),
        layoutNonce: state.layoutNonce + 1,
        fitOnLayout: true,
      });
    },

    say(kind, key, args, details) {
      set({
        notice: {
          kind,
          text: translate(get().lang, key, args),
          key,
          ...(args && { args }),
          ...(details && { details }),
        },
      });
    },

    set(partial) {
      set(partial);
    },

    isDirty() {
      const { remote, source, past } = get();
      return remote ? remote.savedSource !== source : past.length > 0;
    },
  }));
}

/**
 * A new layered layout when an edit adds, removes or reconnects states (positions a designer set
 * stay); none for edits that only retitle or change details.
 */
function reshaped(
  state: Pick<EditorState, 'graph' | 'collapsed' | 'layoutNonce'>,
  next: EditorState['graph'],
): { layoutNonce?: number } {
  const before = graphShape(visibleGraph(state.graph, state.collapsed));
  const after = graphShape(visibleGraph(next, state.collapsed));
  return before === after ? {} : { layoutNonce: state.layoutNonce + 1 };
}

/** Which states and edges a graph has, with their titles' and events' shape ignored. */
function graphShape(graph: EditorState['graph']): string {
  return `${graph.nodes.map((n) => n.id).join(',')}|${graph.edges.map((e) => `${e.id}>${e.target ?? ''}`).join(',')}`;
}

/** The store's type. */
export type EditorStore = ReturnType<typeof createEditorStore>;
