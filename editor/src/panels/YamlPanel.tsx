/**
 * The YAML beside the graph (CodeMirror 6). Typing updates the graph as soon as the text parses;
 * canvas edits replace only the changed span, so the cursor and scroll stay put. Findings are
 * shown as lint marks; "reveal" requests move the cursor.
 */
import { useEffect, useRef } from 'react';
import { defaultKeymap, history, historyKeymap, indentWithTab } from '@codemirror/commands';
import { yaml } from '@codemirror/lang-yaml';
import { bracketMatching, foldGutter, indentOnInput } from '@codemirror/language';
import { lintGutter, setDiagnostics } from '@codemirror/lint';
import { openSearchPanel, search, searchKeymap } from '@codemirror/search';
import { Annotation, Compartment, EditorSelection, EditorState } from '@codemirror/state';
import { EditorView, highlightActiveLine, keymap, lineNumbers } from '@codemirror/view';
import { useActions, useEditor, useT } from '../state/editor-context.js';
import { messages, translate } from '../i18n/messages.js';
import type { MessageKey } from '../i18n/messages.js';
import type { Lang } from '../model/index.js';
import { toDiagnostics, minimalChange } from './yaml-sync.js';
import { selectionLine } from '../model/index.js';

const fromStore = Annotation.define<boolean>();

/** CodeMirror's own words (search panel, folding, lint) in `lang`, from the catalog's `cm.` keys. */
function phrases(lang: Lang): Record<string, string> {
  return Object.fromEntries(
    Object.keys(messages)
      .filter((k) => k.startsWith('cm.'))
      .map((k) => [k.slice(3), translate(lang, k as MessageKey)]),
  );
}
const TYPING_DEBOUNCE_MS = 250;
/** How long after the canvas drew a template just opened the YAML panel waits before catching up. */
const QUIET_MS = 300;

/** The panel. */
export function YamlPanel() {
  const { store } = useActions();
  const t = useT();
  const lang = useEditor((s) => s.lang);
  const host = useRef<HTMLDivElement>(null);
  const viewRef = useRef<EditorView | null>(null);
  const words = useRef(new Compartment());

  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const view = new EditorView({
      parent: host.current!,
      state: EditorState.create({
        doc: store.getState().source,
        extensions: [
          lineNumbers(),
          foldGutter(),
          lintGutter(),
          history(),
          indentOnInput(),
          bracketMatching(),
          highlightActiveLine(),
          yaml(),
          // Long lines wrap: the panel is narrow, and a cut line hides the condition being read.
          EditorView.lineWrapping,
          // Ctrl+F finds (and replaces) in the YAML.
          search({ top: true }),
          words.current.of(EditorState.phrases.of(phrases(store.getState().lang))),
          keymap.of([...searchKeymap, ...defaultKeymap, ...historyKeymap, indentWithTab]),
          EditorView.updateListener.of((update) => {
            if (!update.docChanged || update.transactions.some((tr) => tr.annotation(fromStore)))
              return;
            clearTimeout(timer);
            timer = setTimeout(
              () => store.getState().setSource(update.state.doc.toString(), 'yaml'),
              TYPING_DEBOUNCE_MS,
            );
          }),
        ],
      }),
    });
    viewRef.current = view;
    const sync = () => {
      const { source, validation } = store.getState();
      const current = view.state.doc.toString();
      if (current !== source && !view.hasFocus) {
        clearTimeout(timer);
        view.dispatch({ changes: minimalChange(current, source), annotations: fromStore.of(true) });
      }
      view.dispatch(setDiagnostics(view.state, toDiagnostics(view.state.doc, validation.issues)));
    };
    sync();
    // A template just opened is drawn first: while its graph waits for the layered layout, the
    // text (for 100 states: a new document, its parse, fold markers and lint marks) would hold up
    // the layout's start and compete with the drawing; it follows once the canvas has drawn the
    // laid-out graph, QUIET_MS later, when the page is idle (or 5 s after the layout came, if
    // the canvas is hidden). Focusing the panel, or a request to show a line in it, brings it up
    // to date at once.
    let behind = false;
    let pending: (() => void) | undefined;
    const catchUp = () => {
      pending?.();
      pending = undefined;
      if (!behind) return;
      behind = false;
      sync();
      performance.mark('relief:yaml-caught-up');
    };
    const later = (idle: boolean) => {
      pending?.();
      if (!idle) {
        const id = setTimeout(catchUp, 5000);
        pending = () => clearTimeout(id);
        return;
      }
      // The canvas has drawn the routed graph, fitted: the text follows a moment later, at the
      // first idle time after QUIET_MS (waiting a fixed number of frames was not enough: the
      // routed labels and the fit can take a frame or two more, and the catch-up, 30–60 ms for
      // 100 states, landed in the frames that paint them).
      let id = setTimeout(() => {
        if (typeof requestIdleCallback === 'function') {
          const idle = requestIdleCallback(catchUp, { timeout: 1000 });
          pending = () => cancelIdleCallback(idle);
        } else {
          id = setTimeout(catchUp, 0);
          pending = () => clearTimeout(id);
        }
      }, QUIET_MS);
      pending = () => clearTimeout(id);
    };
    const onFocus = () => catchUp();
    view.contentDOM.addEventListener('focus', onFocus);
    const unsubscribe = store.subscribe((state, previous) => {
      if (state.source !== previous.source || state.validation !== previous.validation) {
        if (state.placeholder) {
          // Another template opened: the catch-up waits for this one to be drawn.
          pending?.();
          pending = undefined;
          behind = true;
        } else if (!behind) sync();
      }
      if (behind && !state.placeholder && previous.placeholder) later(false);
      if (behind && state.drawn && !previous.drawn) later(true);
      const reveal = state.selection !== previous.selection && state.selection.kind !== 'template';
      if (behind && ((state.cursor && state.cursor !== previous.cursor) || reveal)) catchUp();
      if (state.cursor && state.cursor !== previous.cursor) {
        const line = view.state.doc.line(
          Math.min(Math.max(1, state.cursor.line), view.state.doc.lines),
        );
        const pos = Math.min(line.from + Math.max(0, state.cursor.col - 1), line.to);
        view.dispatch({
          selection: EditorSelection.cursor(pos),
          effects: EditorView.scrollIntoView(pos, { y: 'center' }),
        });
        view.focus();
      }
      // A state, transition or event selected on the canvas or in a panel: its lines come into
      // view and are marked (the cursor stays put while the designer types here).
      if (state.selection !== previous.selection && !view.hasFocus) {
        const at = selectionLine(state.selection, state.graph, state.validation.parsed);
        if (at !== undefined && at <= view.state.doc.lines) {
          const line = view.state.doc.line(at);
          view.dispatch({
            selection: EditorSelection.cursor(
              line.from + (/^\s*/.exec(line.text)?.[0].length ?? 0),
            ),
            effects: EditorView.scrollIntoView(line.from, { y: 'center', x: 'start' }),
          });
        }
      }
    });
    const onBlur = () => {
      // Text typed and then left: hand it over now, and take the store's version if it differs.
      clearTimeout(timer);
      store.getState().setSource(view.state.doc.toString(), 'yaml');
    };
    view.contentDOM.addEventListener('blur', onBlur);
    return () => {
      clearTimeout(timer);
      pending?.();
      unsubscribe();
      view.contentDOM.removeEventListener('focus', onFocus);
      view.contentDOM.removeEventListener('blur', onBlur);
      view.destroy();
    };
  }, [store]);

  useEffect(() => {
    viewRef.current?.dispatch({
      effects: words.current.reconfigure(EditorState.phrases.of(phrases(lang))),
    });
  }, [lang]);

  return (
    <div className="yaml-panel-box">
      <button
        className="yaml-search"
        title={t('yamlSearch')}
        aria-label={t('yamlSearch')}
        data-testid="yaml-search"
        onClick={() => viewRef.current && openSearchPanel(viewRef.current)}
      >
        ⌕
      </button>
      <div ref={host} style={{ height: '100%' }} data-testid="yaml-panel" />
    </div>
  );
}
