/** An event of the vocabulary: its labels, who may send it, and its form. */
import { labelText } from '@relief/engine';
import { useEditor, useT } from '../state/editor-context.js';
import { FormBuilder } from './FormBuilder.js';
import { IssueList } from './IssueList.js';
import { LabelFields } from './LabelFields.js';
import { RolesField } from './RolesField.js';

/** The inspector of one event. */
export function EventInspector({ name }: { name: string }) {
  const t = useT();
  const events = useEditor((s) => s.template.events);
  const issues = useEditor((s) => s.validation.issues);
  const lang = useEditor((s) => s.lang);
  const def = events?.[name];
  const mine = issues.filter(
    (i) => i.pointer === `/events/${name}` || i.pointer.startsWith(`/events/${name}/`),
  );
  return (
    <div data-testid="event-inspector">
      <h3>
        {t('event')} · <code>{name}</code> {labelText(def?.title, lang)}
      </h3>
      <IssueList issues={mine} />
      <LabelFields caption={t('title')} path={['events', name, 'title']} label={def?.title} />
      <LabelFields
        caption={t('description')}
        multiline
        path={['events', name, 'description']}
        label={def?.description}
      />
      <RolesField path={['events', name, 'roles']} roles={def?.roles} />
      <FormBuilder at={['events', name, 'form']} form={def?.form} testId="event-form-builder" />
    </div>
  );
}
