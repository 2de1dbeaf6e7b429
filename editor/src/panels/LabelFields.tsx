/** A bilingual label: a Chinese and an English input, written to the YAML as `{ zh, en }`. */
import type { Label } from '@relief/engine';
import type { Document } from 'yaml';
import { useActions, useT } from '../state/editor-context.js';
import { CommitInput, CommitTextArea } from './CommitInput.js';
import { setLabel } from '../model/index.js';
import type { DocPath } from '../model/index.js';

/** The two inputs under one caption. */
export function LabelFields({
  caption,
  path,
  label,
  testId,
  prepare,
  after,
  multiline = false,
}: {
  caption: string;
  path: DocPath;
  label: Label | undefined;
  testId?: string;
  prepare?: (doc: Document) => void;
  /** Runs in the same edit after the label is set; a returned state id is selected. */
  after?: (doc: Document, lang: 'zh' | 'en', value: string) => string | void;
  /** A description: two boxes of several lines, one under the other. */
  multiline?: boolean;
}) {
  const t = useT();
  const { store } = useActions();
  const Field = multiline ? CommitTextArea : CommitInput;
  const text = (lang: 'zh' | 'en') =>
    label === undefined ? '' : typeof label === 'string' ? label : (label[lang] ?? '');
  return (
    <>
      <label>{caption}</label>
      <div className={multiline ? 'label-lines' : 'row'}>
        {(['zh', 'en'] as const).map((lang) => (
          <Field
            key={lang}
            value={text(lang)}
            placeholder={t(lang)}
            aria-label={`${caption} ${t(lang)}`}
            data-testid={testId ? `${testId}-${lang}` : undefined}
            onCommit={(value: string) => {
              const selected = store.getState().edit((doc) => {
                prepare?.(doc);
                setLabel(doc, path, lang, value);
                return after?.(doc, lang, value);
              });
              if (selected) store.getState().select({ kind: 'state', id: selected });
            }}
          />
        ))}
      </div>
    </>
  );
}
