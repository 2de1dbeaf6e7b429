/**
 * A guard without code: rows of field, operator and value joined by "all" (and) or "any" (or),
 * with the names in scope offered by their titles (case data, parameters, the event's form,
 * ledgers). CEL stays as the advanced mode; a guard the rows cannot show opens there. Both show
 * the result on the simulator's case (or the sample case it would start with).
 */
import { useState } from 'react';
import { labelText } from '@relief/engine';
import type { JsonSchemaObject, Template } from '@relief/engine';
import { useEditor, useT } from '../state/editor-context.js';
import { evalErrorText } from '../i18n/issue-text.js';
import type { MessageKey } from '../i18n/messages.js';
import { ExpressionField } from './ExpressionField.js';
import {
  CONDITION_OPS,
  fromRows,
  literalFor,
  namesInScope,
  previewGuard,
  sampleCase,
  toRows,
  valueText,
} from '../model/index.js';
import type { ConditionOp, ConditionRow, ConditionRows } from '../model/index.js';

/** The field schema behind a name (`data.x`, `params.y`, `event.z`), for its choices. */
function schemaOf(
  template: Partial<Template>,
  name: string,
  event: string | undefined,
): JsonSchemaObject | undefined {
  const [root, key] = name.split('.') as [string, string | undefined];
  const schema =
    root === 'data'
      ? template.data
      : root === 'params'
        ? template.parameters
        : root === 'event' && event
          ? template.events?.[event]?.form
          : undefined;
  return key ? schema?.properties?.[key] : undefined;
}

/** The builder (or the CEL field) and the preview line. */
export function ConditionBuilder({
  value,
  event,
  onCommit,
}: {
  value: string;
  event: string | undefined;
  onCommit: (guard: string | undefined) => void;
}) {
  const t = useT();
  const template = useEditor((s) => s.template);
  const lang = useEditor((s) => s.lang);
  const sim = useEditor((s) => s.sim);
  const parsed = toRows(value);
  const [advanced, setAdvanced] = useState(parsed === undefined);
  const names = namesInScope(template, event).filter((n) => n.name !== 'now');
  const showAdvanced = advanced || parsed === undefined;
  const write = (next: ConditionRows) => onCommit(fromRows(next));
  const rows = parsed?.rows ?? [];
  const join = parsed?.join ?? 'and';
  const setRow = (i: number, row: ConditionRow) =>
    write({ join, rows: rows.map((r, j) => (j === i ? row : r)) });
  const sample = sim?.state
    ? { data: sim.state.data, params: sim.params, ledger: sim.ledger, now: sim.now }
    : sampleCase(template);
  const preview = value.trim() === '' ? undefined : previewGuard(value, sample, template, event);
  return (
    <div className="condition" data-testid="condition-builder">
      <div className="row">
        <button
          className={showAdvanced ? '' : 'primary'}
          disabled={parsed === undefined}
          onClick={() => setAdvanced(false)}
          aria-pressed={!showAdvanced}
        >
          {t('condBuilder')}
        </button>
        <button
          className={showAdvanced ? 'primary' : ''}
          onClick={() => setAdvanced(true)}
          aria-pressed={showAdvanced}
          data-testid="condition-advanced"
        >
          {t('condAdvanced')}
        </button>
      </div>
      {parsed === undefined && <div className="hint">{t('condTooComplex')}</div>}
      {showAdvanced ? (
        <ExpressionField
          value={value}
          event={event}
          expect="bool"
          hint={t('guardHint')}
          testId="guard-input"
          onCommit={(v) => onCommit(v.trim() || undefined)}
        />
      ) : (
        <>
          {rows.length > 1 && (
            <select
              value={join}
              aria-label={t('condAll')}
              onChange={(e) => write({ join: e.target.value as 'and' | 'or', rows })}
            >
              <option value="and">{t('condAll')}</option>
              <option value="or">{t('condAny')}</option>
            </select>
          )}
          {rows.map((row, i) => {
            const name = names.find((n) => n.name === row.name);
            const schema = schemaOf(template, row.name, event);
            const choices = Array.isArray(schema?.enum)
              ? schema.enum.map(String)
              : name?.type === 'boolean'
                ? ['true', 'false']
                : undefined;
            const typed = (text: string) => literalFor(text, name?.type ?? 'string', names);
            return (
              <div className="card cond-row" key={i} data-testid="condition-row">
                <div className="row">
                  <select
                    value={row.name}
                    aria-label={t('field')}
                    onChange={(e) => setRow(i, { ...row, name: e.target.value })}
                  >
                    {!name && <option value={row.name}>✗ {row.name}</option>}
                    {names.map((n) => (
                      <option key={n.name} value={n.name}>
                        {labelText(n.title, lang) ?? n.name} · {n.name}
                      </option>
                    ))}
                  </select>
                  <button
                    className="fixed danger"
                    aria-label={`${t('delete')} ${t('guard')} ${i + 1}`}
                    title={t('delete')}
                    onClick={() => write({ join, rows: rows.filter((_, j) => j !== i) })}
                  >
                    ✕
                  </button>
                </div>
                <div className="row">
                  <select
                    className="fixed"
                    value={row.op}
                    aria-label={t('condOperator')}
                    onChange={(e) => setRow(i, { ...row, op: e.target.value as ConditionOp })}
                  >
                    {CONDITION_OPS.map((op) => (
                      <option key={op} value={op}>
                        {t(`op.${op}` as MessageKey)}
                      </option>
                    ))}
                  </select>
                  {choices ? (
                    <select
                      value={valueText(row.value)}
                      aria-label={t('value')}
                      onChange={(e) => setRow(i, { ...row, value: typed(e.target.value) })}
                    >
                      {!choices.includes(valueText(row.value)) && (
                        <option value={valueText(row.value)}>{valueText(row.value)}</option>
                      )}
                      {choices.map((c) => (
                        <option key={c} value={c}>
                          {c === 'true' ? t('yes') : c === 'false' ? t('no') : c}
                        </option>
                      ))}
                    </select>
                  ) : (
                    <ValueInput
                      value={valueText(row.value)}
                      names={names.map((n) => n.name).filter((n) => n !== row.name)}
                      onCommit={(v) => setRow(i, { ...row, value: typed(v) })}
                    />
                  )}
                </div>
              </div>
            );
          })}
          <button
            data-testid="condition-add"
            disabled={names.length === 0}
            onClick={() => {
              const first = names[0]!;
              const schema = schemaOf(template, first.name, event);
              const v = Array.isArray(schema?.enum)
                ? literalFor(String(schema.enum[0]), 'string', [])
                : first.type === 'boolean'
                  ? 'true'
                  : first.type === 'integer' || first.type === 'number'
                    ? '0'
                    : "''";
              write({ join, rows: [...rows, { name: first.name, op: '==', value: v }] });
            }}
          >
            ＋ {t('condAdd')}
          </button>
        </>
      )}
      {preview && (
        <div
          className={'value' in preview ? 'check-ok' : 'check-bad'}
          data-testid="condition-preview"
        >
          {t('condPreview')}:{' '}
          {'value' in preview
            ? preview.value
              ? `✓ ${t('condTrue')}`
              : `✗ ${t('condFalse')}`
            : t('condError', { detail: evalErrorText(preview.error, lang) })}
        </div>
      )}
    </div>
  );
}

/** A value box offering the other names in scope (a parameter, say) besides typed text. */
function ValueInput({
  value,
  names,
  onCommit,
}: {
  value: string;
  names: string[];
  onCommit: (v: string) => void;
}) {
  const t = useT();
  const [draft, setDraft] = useState(value);
  const [seen, setSeen] = useState(value);
  if (seen !== value) {
    setSeen(value);
    setDraft(value);
  }
  const id = `cond-names-${names.length}`;
  return (
    <>
      <input
        value={draft}
        list={id}
        aria-label={t('value')}
        data-testid="condition-value"
        onChange={(e) => setDraft(e.target.value)}
        onBlur={() => draft !== value && onCommit(draft)}
        onKeyDown={(e) => e.key === 'Enter' && draft !== value && onCommit(draft)}
      />
      <datalist id={id}>
        {names.map((n) => (
          <option key={n} value={n} />
        ))}
      </datalist>
    </>
  );
}
