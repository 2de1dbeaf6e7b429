/** Start a programme: the template's parameters as a form, a title, a district in scope. */
import { useState } from 'react';
import { useNavigate, useParams } from 'react-router';
import type { Template } from '@relief/engine';
import { fieldTitleAt } from '../../forms/localise-schema.js';
import { JsonForm } from '../../forms/JsonForm.js';
import { ApiProblem } from '../../api/api-problem.js';
import { covers, isDistrictPath } from '../district.js';
import { LoadingPage } from '../LoadError.js';
import { loadTemplate } from '../template-cache.js';
import { useLoad } from '../use-load.js';
import { useLang, useText } from '../../shell/lang-store.js';
import { pickLabel } from '../../shell/pick-label.js';
import { fieldProblemText, problemText } from '../../shell/problem-text.js';
import { api, useSession } from '../../shell/session-store.js';

/** The start form. */
export default function StartPage() {
  const t = useText();
  const lang = useLang();
  const navigate = useNavigate();
  const session = useSession();
  const { templateId = '' } = useParams();
  const scope = session.kind === 'person' ? session.person.district : undefined;
  const loaded = useLoad(async (signal) => {
    const { items } = await api.call('listTemplates', { signal });
    const version = items.find((i) => i.id === templateId)?.publishedVersion;
    if (!version) throw new ApiProblem(409, 'template-not-published', '', []);
    return { version, template: await loadTemplate(templateId, version) };
  }, templateId);
  const [title, setTitle] = useState('');
  const [district, setDistrict] = useState(scope ?? '');
  const [params, setParams] = useState<Record<string, unknown>>({});
  const [districtError, setDistrictError] = useState<string>();
  const [error, setError] = useState<string>();
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>();
  const [busy, setBusy] = useState(false);

  const start = async (template: Template, version: number, values: Record<string, unknown>) => {
    setError(undefined);
    setFieldErrors(undefined);
    const d = district.trim();
    if (!isDistrictPath(d)) return setDistrictError(t('districtBad'));
    if (scope !== undefined && !covers(scope, d))
      return setDistrictError(t('districtOutside', { d, scope: scope || '—' }));
    setDistrictError(undefined);
    setBusy(true);
    try {
      const created = await api.call('startProgramme', {
        body: {
          template: templateId,
          version,
          district: d,
          params: values,
          ...(title.trim() && { title: title.trim() }),
        },
      });
      void navigate(`/programmes/${created.id}`);
    } catch (problem) {
      // A district outside the caller's scope answers 404 like any other unknown thing.
      if (
        problem instanceof ApiProblem &&
        problem.code === 'not-found' &&
        problem.details.what === 'district'
      )
        return setDistrictError(t('problem.invalid-district'));
      setError(problemText(problem, lang));
      if (problem instanceof ApiProblem) {
        const params = template.parameters;
        const byField: Record<string, string> = {};
        for (const e of problem.errors) {
          const pointer = e.path.replace(/^\/params/, '');
          if (e.path === '/district') setDistrictError(t('problem.invalid-district'));
          else
            byField[pointer] = fieldProblemText(pointer, e.message, lang, (p) =>
              fieldTitleAt(params, p, lang),
            );
        }
        if (problem.code === 'invalid-district') setDistrictError(t('problem.invalid-district'));
        setFieldErrors(byField);
      }
    } finally {
      setBusy(false);
    }
  };

  if (loaded.error !== undefined || !loaded.data)
    return <LoadingPage error={loaded.error} retry={loaded.reload} />;
  const { template, version } = loaded.data;
  const templateTitle = pickLabel(template.title, lang, template.id);
  return (
    <main className="page narrow">
      <h1>{t('startTitle', { title: templateTitle })}</h1>
      <p className="hint">{pickLabel(template.description, lang)}</p>
      <div className="stack">
        <label>
          {t('programmeTitle')}
          <input
            value={title}
            placeholder={templateTitle}
            onChange={(e) => setTitle(e.target.value)}
            data-testid="programme-title"
          />
          <small className="hint">{t('programmeTitleHint')}</small>
        </label>
        <label>
          {t('district')} *
          <input
            value={district}
            onChange={(e) => setDistrict(e.target.value)}
            aria-invalid={districtError !== undefined}
            data-testid="district"
          />
          <small className="hint">{t('districtHint')}</small>
          {districtError && (
            <span className="form-error" role="alert" data-testid="district-error">
              {districtError}
            </span>
          )}
        </label>
      </div>
      <h2>{t('parameters')}</h2>
      <JsonForm
        id="params"
        schema={template.parameters ?? { type: 'object', properties: {} }}
        value={params}
        onChange={setParams}
        serverErrors={fieldErrors}
        disabled={busy}
        onSubmit={(values) => void start(template, version, values)}
      >
        {error && (
          <p className="form-error" role="alert" data-testid="start-error">
            {error}
          </p>
        )}
        <button type="submit" className="primary" disabled={busy} data-testid="start-programme">
          {t('start')}
        </button>
      </JsonForm>
    </main>
  );
}
