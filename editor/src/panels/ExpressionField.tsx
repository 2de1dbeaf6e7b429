/**
 * A CEL expression input (guard, set value, amount): CodeMirror with completion of the names the
 * expression may use and a live check with the engine's own checker.
 */
import { useEffect, useRef, useState } from 'react';
import { autocompletion } from '@codemirror/autocomplete';
import type { CompletionContext } from '@codemirror/autocomplete';
import { EditorState } from '@codemirror/state';
import { EditorView, keymap, placeholder } from '@codemirror/view';
import { labelText } from '@relief/engine';
import type { ExprExpect } from '@relief/engine';
import { useEditor, useT } from '../state/editor-context.js';
import { checkInScope, namesInScope } from '../model/index.js';
import { exprProblemText } from '../i18n/issue-text.js';

interface Props {
  value: string;
  event: string | undefined;
  expect: ExprExpect;
  onCommit: (value: string) => void;
  hint?: string;
  testId?: string;
}

/** The field and its check line. */
export function ExpressionField({ value, event, expect, onCommit, hint, testId }: Props) {
  const t = useT();
  const template = useEditor((s) => s.template);
  const lang = useEditor((s) => s.lang);
  const host = useRef<HTMLDivElement>(null);
  const view = useRef<EditorView | null>(null);
  const latest = useRef({ value, onCommit, template, event, lang });
  latest.current = { value, onCommit, template, event, lang };
  const [text, setText] = useState(value);
  const problems = checkInScope(template, text, event, expect);

  useEffect(() => {
    const complete = (context: CompletionContext) => {
      const word = context.matchBefore(/[\w.['-]*/);
      if (!word || (word.from === word.to && !context.explicit)) return null;
      const { template: tpl, event: ev, lang: lg } = latest.current;
      return {
        from: word.from,
        options: namesInScope(tpl, ev).map((n) => ({
          label: n.name,
          detail: labelText(n.title, lg) ?? n.type,
          type: 'variable',
        })),
      };
    };
    const commit = (v: EditorView) => {
      const text = v.state.doc.toString();
      if (text !== latest.current.value) latest.current.onCommit(text);
    };
    view.current = new EditorView({
      parent: host.current!,
      state: EditorState.create({
        doc: latest.current.value,
        extensions: [
          EditorView.lineWrapping,
          placeholder(hint ?? ''),
          autocompletion({ override: [complete], activateOnTyping: true }),
          keymap.of([{ key: 'Mod-Enter', run: (v) => (commit(v), true) }]),
          EditorView.domEventHandlers({ blur: (_e, v) => commit(v) }),
          EditorView.updateListener.of((u) => u.docChanged && setText(u.state.doc.toString())),
        ],
      }),
    });
    return () => view.current?.destroy();
  }, [hint]);

  useEffect(() => {
    const v = view.current;
    if (v && v.state.doc.toString() !== value && !v.hasFocus)
      v.dispatch({ changes: { from: 0, to: v.state.doc.length, insert: value } });
    setText(value);
  }, [value]);

  return (
    <div className="expr-input" data-testid={testId}>
      <div ref={host} />
      {text.trim() !== '' &&
        (problems.length === 0 ? (
          <div className="check-ok">✓ {t(expect === 'bool' ? 'guardOk' : 'exprOk')}</div>
        ) : (
          problems.map((p, i) => (
            <div className="check-bad" key={i}>
              ✗ {exprProblemText(p, lang)}
            </div>
          ))
        ))}
    </div>
  );
}
