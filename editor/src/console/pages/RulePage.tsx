/**
 * Change a running programme's parameters with a preview: the form (current values), then what
 * the engine says would change for every open case (summary and table), then confirm.
 */
import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { fieldTitleAt } from '../../forms/localise-schema.js';
import { JsonForm } from '../../forms/JsonForm.js';
import { ApiProblem } from '../../api/api-problem.js';
import type { ParamsPreview } from '@relief/engine/contract';
import { ExportButtons } from '../export/ExportButtons.js';
import { formatNumber, formatValue } from '../format.js';
import { GridHead } from '../GridHead.js';
import { LoadingPage } from '../LoadError.js';
import { loadTemplate } from '../template-cache.js';
import { eventTitle, stateTitle } from '../template-info.js';
import { useLoad } from '../use-load.js';
import { useLang, useText } from '../../shell/lang-store.js';
import { fieldProblemText, problemText } from '../../shell/problem-text.js';
import { api } from '../../shell/session-store.js';

/** The rule-change page. */
export default function RulePage() {
  const t = useText();
  const lang = useLang();
  const navigate = useNavigate();
  const { id = '' } = useParams();
  const loaded = useLoad(async (signal) => {
    const programme = await api.call('getProgramme', { path: { id }, signal });
    return { programme, template: await loadTemplate(programme.template, programme.version) };
  }, id);
  const [params, setParams] = useState<Record<string, unknown>>();
  const [preview, setPreview] = useState<ParamsPreview>();
  const [previewed, setPreviewed] = useState<string>();
  const [error, setError] = useState<string>();
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>();
  const [busy, setBusy] = useState(false);
  const [reason, setReason] = useState('');

  if (loaded.error !== undefined || !loaded.data)
    return <LoadingPage error={loaded.error} retry={loaded.reload} />;
  const { programme, template } = loaded.data;
  const schema = (template.parameters ?? { type: 'object', properties: {} }) as Record<
    string,
    unknown
  >;
  const values = params ?? programme.params;
  const changed = Object.keys({ ...programme.params, ...values }).filter(
    (k) => JSON.stringify(programme.params[k]) !== JSON.stringify(values[k]),
  );
  const showFailure = (problem: unknown) => {
    setError(problemText(problem, lang));
    if (problem instanceof ApiProblem && problem.errors.length)
      setFieldErrors(
        Object.fromEntries(
          problem.errors.map((e) => {
            const pointer = e.path.replace(/^\/params/, '');
            return [
              pointer,
              fieldProblemText(pointer, e.message, lang, (p) => fieldTitleAt(schema, p, lang)),
            ];
          }),
        ),
      );
  };
  const runPreview = async (next: Record<string, unknown>) => {
    setError(undefined);
    setFieldErrors(undefined);
    setBusy(true);
    try {
      const answer = await api.call('previewParams', { path: { id }, body: { params: next } });
      setPreview(answer);
    } catch (problem) {
      setPreview(undefined);
      showFailure(problem);
    } finally {
      setPreviewed(JSON.stringify(next));
      setBusy(false);
    }
  };
  const apply = async () => {
    setBusy(true);
    setError(undefined);
    try {
      await api.call('changeProgramme', {
        path: { id },
        body: { params: values, ...(reason.trim() && { reason: reason.trim() }) },
      });
      void navigate(`/programmes/${id}`, { state: { notice: 'applied' } });
    } catch (problem) {
      showFailure(problem);
    } finally {
      setBusy(false);
    }
  };
  const paramTitle = (k: string) => fieldTitleAt(schema, `/${k}`, lang) || k;
  const summary = preview?.summary;
  const byHeader = [t('atState'), t('eventType'), t('wouldGo'), t('count')];
  const where = (s: string | null) =>
    s === null ? t('refusedStep') : stateTitle(template, s, lang);
  const byRows = (summary?.byTransition ?? []).map((b) => [
    stateTitle(template, b.state, lang),
    eventTitle(template, b.event, lang),
    `${where(b.from)} → ${where(b.to)}`,
    b.count,
  ]);
  const caseHeader = [t('ref'), t('atState'), t('eventType'), t('wouldGo')];
  const caseRows = preview
    ? preview.cases.flatMap((c) =>
        c.changes.map((ch) => [
          c.ref ?? c.caseId,
          stateTitle(template, ch.state, lang),
          ch.kind === 'timer' ? t('timerFired') : eventTitle(template, ch.event ?? '', lang),
          `${where(ch.from)} → ${where(ch.to)}`,
        ]),
      )
    : [];
  const current = previewed === JSON.stringify(values);
  return (
    <main className="page" data-testid="rule-page">
      <div className="page-head">
        <h1>
          {t('ruleTitle')} · {programme.title}
        </h1>
        <Link to={`/programmes/${id}`}>{t('back')}</Link>
      </div>
      <p className="hint">{t('ruleHint')}</p>
      <div className="panels">
        <section className="panel">
          <JsonForm
            id="rule"
            schema={schema}
            value={values}
            onChange={(v) => setParams(v)}
            serverErrors={fieldErrors}
            disabled={busy}
            onSubmit={(v) => void runPreview(v)}
          >
            <button
              type="submit"
              disabled={busy || changed.length === 0}
              data-testid="preview-rule"
            >
              {t('previewChange')}
            </button>
            {changed.length === 0 && <span className="muted"> {t('noChange')}</span>}
          </JsonForm>
        </section>
        <section className="panel wide">
          {changed.length > 0 && (
            <ul className="plain" data-testid="param-diff">
              {changed.map((k) => (
                <li key={k}>
                  <b>{paramTitle(k)}</b>：{formatValue(programme.params[k], lang) || '—'} →{' '}
                  {formatValue(values[k], lang) || '—'}
                </li>
              ))}
            </ul>
          )}
          {error && (
            <p className="form-error" role="alert">
              {error}
            </p>
          )}
          {summary && current && (
            <>
              <p className="summary" data-testid="preview-summary" role="status">
                {t('previewSummary', {
                  examined: formatNumber(summary.casesExamined, lang),
                  affected: formatNumber(summary.casesAffected, lang),
                  timers: formatNumber(summary.timersChanged, lang),
                })}
              </p>
              <div className="panel-head">
                <h2>{t('wouldGo')}</h2>
                <ExportButtons name="rule-impact" header={byHeader} rows={byRows} />
              </div>
              <table className="grid" data-testid="preview-table">
                <GridHead columns={byHeader} />
                <tbody>
                  {byRows.map((r, i) => (
                    <tr key={i}>
                      {r.map((c, j) => (
                        <td key={j} className={j === 3 ? 'num' : ''}>
                          {c}
                        </td>
                      ))}
                    </tr>
                  ))}
                </tbody>
              </table>
              {caseRows.length > 0 && (
                <>
                  <div className="panel-head">
                    <h2>{t('cases')}</h2>
                    <ExportButtons name="rule-cases" header={caseHeader} rows={caseRows} />
                  </div>
                  <div className="table-wrap short">
                    <table className="grid">
                      <GridHead columns={caseHeader} />
                      <tbody>
                        {caseRows.slice(0, 500).map((r, i) => (
                          <tr key={i}>
                            {r.map((c, j) => (
                              <td key={j}>{c}</td>
                            ))}
                          </tr>
                        ))}
                      </tbody>
                    </table>
                  </div>
                </>
              )}
            </>
          )}
          {preview && current && (
            <label className="reason-line">
              {t('reason')}
              <input
                value={reason}
                onChange={(e) => setReason(e.target.value)}
                placeholder={t('reasonExample')}
                data-testid="rule-reason"
              />
            </label>
          )}
          {preview && current && (
            <button
              className="primary"
              disabled={busy}
              onClick={() => void apply()}
              data-testid="apply-rule"
            >
              {t('applyChange')}
            </button>
          )}
        </section>
      </div>
    </main>
  );
}
