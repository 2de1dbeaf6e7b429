/** A bilingual label: a Chinese and an English input, written to the YAML as `{ zh, en }`. */
import type { Label } from '@relief/engine';
import type { Document } from 'yaml';
import { useActions, useT } from '../state/editor-context.js';
import { CommitInput } from './CommitInput.js';
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
}: {
  caption: string;
  path: DocPath;
  label: Label | undefined;
  testId?: string;
  prepare?: (doc: Document) => void;
  /** Runs in the same edit after the label is set; a returned state id is selected. */
  after?: (doc: Document, lang: 'zh' | 'en', value: string) => string | void;
}) {
  const t = useT();
  const { store } = useActions();
  const text = (lang: 'zh' | 'en') =>
    label === undefined ? '' : typeof label === 'string' ? label : (label[lang] ?? '');
  return (
    <>
      <label>{caption}</label>
      <div className="row">
        {(['zh', 'en'] as const).map((lang) => (
          <CommitInput
            key={lang}
            value={text(lang)}
            placeholder={t(lang)}
            aria-label={`${caption} ${t(lang)}`}
            data-testid={testId ? `${testId}-${lang}` : undefined}
            onCommit={(value) => {
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
