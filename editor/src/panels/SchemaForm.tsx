/** A form for a JSON Schema object (case data, programme parameters, an event's payload). */
import { labelText } from '@relief/engine';
import type { JsonSchemaObject } from '@relief/engine';
import { useEditor, useT } from '../state/editor-context.js';

interface Props {
  schema: JsonSchemaObject | undefined;
  value: Record<string, unknown>;
  onChange: (value: Record<string, unknown>) => void;
  idPrefix: string;
  /** Fields to mark, with what is wrong (a refused send keeps the form open with these). */
  invalid?: ReadonlyMap<string, string>;
}

/** One input per property, by type; empty inputs leave the field out. */
export function SchemaForm({ schema, value, onChange, idPrefix, invalid }: Props) {
  const t = useT();
  const lang = useEditor((s) => s.lang);
  const required = new Set(schema?.required ?? []);
  const set = (name: string, v: unknown) => {
    const next = { ...value };
    if (v === undefined) delete next[name];
    else next[name] = v;
    onChange(next);
  };
  return (
    <>
      {Object.entries(schema?.properties ?? {}).map(([name, field]) => {
        const id = `${idPrefix}-${name}`;
        const type = Array.isArray(field.type) ? field.type[0] : field.type;
        const current = value[name];
        const caption = `${labelText(field.title, lang) ?? name}${required.has(name) ? ' *' : ''}`;
        const problem = invalid?.get(name);
        const aria = problem
          ? { 'aria-invalid': true as const, 'aria-describedby': `${id}-problem` }
          : {};
        let input;
        if (Array.isArray(field.enum)) {
          input = (
            <select
              id={id}
              {...aria}
              value={current === undefined ? '' : asText(current)}
              onChange={(e) =>
                set(
                  name,
                  e.target.value === ''
                    ? undefined
                    : field.enum!.find((o) => String(o) === e.target.value),
                )
              }
            >
              <option value="">—</option>
              {field.enum.map((o) => (
                <option key={String(o)} value={String(o)}>
                  {String(o)}
                </option>
              ))}
            </select>
          );
        } else if (type === 'boolean') {
          input = (
            <select
              id={id}
              {...aria}
              value={current === undefined ? '' : asText(current)}
              onChange={(e) =>
                set(name, e.target.value === '' ? undefined : e.target.value === 'true')
              }
            >
              <option value="">—</option>
              <option value="true">{t('yes')}</option>
              <option value="false">{t('no')}</option>
            </select>
          );
        } else if (type === 'integer' || type === 'number') {
          input = (
            <input
              id={id}
              {...aria}
              type="number"
              step={type === 'integer' ? 1 : 'any'}
              value={current === undefined ? '' : asText(current)}
              onChange={(e) =>
                set(name, e.target.value === '' ? undefined : Number(e.target.value))
              }
            />
          );
        } else {
          input = (
            <input
              id={id}
              {...aria}
              type={field.format === 'date' ? 'date' : 'text'}
              value={current === undefined ? '' : asText(current)}
              onChange={(e) => set(name, e.target.value === '' ? undefined : e.target.value)}
            />
          );
        }
        return (
          <div key={name} className={problem ? 'field-invalid' : undefined}>
            <label htmlFor={id}>{caption}</label>
            {input}
            {problem && (
              <div className="check-bad" id={`${id}-problem`} role="alert">
                {problem}
              </div>
            )}
          </div>
        );
      })}
    </>
  );
}

function asText(value: unknown): string {
  return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean'
    ? String(value)
    : '';
}
