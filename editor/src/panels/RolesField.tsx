/** Pick roles from those the template declares (a state's worklist roles, an event's senders). */
import { labelText } from '@relief/engine';
import { useActions, useEditor, useT } from '../state/editor-context.js';
import { setValue } from '../model/index.js';
import type { DocPath } from '../model/index.js';

/** Checkboxes, one per declared role; unknown roles already in the list stay visible. */
export function RolesField({
  path,
  roles,
  caption,
}: {
  path: DocPath;
  roles: readonly string[] | undefined;
  caption?: string;
}) {
  const t = useT();
  const { store } = useActions();
  const declared = useEditor((s) => s.template.roles) ?? {};
  const lang = useEditor((s) => s.lang);
  const chosen = new Set(roles ?? []);
  const names = [...new Set([...Object.keys(declared), ...chosen])];
  const toggle = (name: string) => {
    const next = names.filter((n) => (n === name ? !chosen.has(n) : chosen.has(n)));
    store.getState().edit((doc) => setValue(doc, path, next));
  };
  return (
    <>
      <label>{caption ?? t('roles')}</label>
      <div className="row" style={{ flexWrap: 'wrap' }}>
        {names.map((name) => (
          <span key={name} className="fixed" style={{ marginRight: 10 }}>
            <input
              type="checkbox"
              id={`role-${path.join('-')}-${name}`}
              checked={chosen.has(name)}
              onChange={() => toggle(name)}
            />{' '}
            <label
              htmlFor={`role-${path.join('-')}-${name}`}
              style={{ display: 'inline', color: declared[name] ? undefined : 'var(--bad)' }}
            >
              {labelText(declared[name], lang) ?? name}
            </label>
          </span>
        ))}
      </div>
    </>
  );
}
