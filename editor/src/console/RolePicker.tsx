/** Tick the roles to grant (titles, never keys). */
import { useLang } from '../shell/lang-store.js';
import { roleTitle } from '../shell/role-title.js';

/** Checkboxes for `choices`. */
export function RolePicker(props: {
  choices: string[];
  value: string[];
  onChange: (roles: string[]) => void;
}) {
  const lang = useLang();
  return (
    <span className="role-picker">
      {props.choices.map((r) => (
        <label key={r} className="inline">
          <input
            type="checkbox"
            checked={props.value.includes(r)}
            onChange={(e) =>
              props.onChange(
                e.target.checked ? [...props.value, r] : props.value.filter((x) => x !== r),
              )
            }
            data-testid={`role-${r}`}
          />
          {roleTitle(r, lang)}
        </label>
      ))}
    </span>
  );
}
