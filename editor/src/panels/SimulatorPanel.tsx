/**
 * The simulator: sample data and parameters, then the engine's own step on a case in memory.
 * The current state lights up on the canvas and the path taken is numbered on its edges.
 */
import { useState } from 'react';
import { labelText } from '@relief/engine';
import { useActions, useEditor, useT } from '../state/editor-context.js';
import { SchemaForm } from './SchemaForm.js';
import { SimulatorRun } from './SimulatorRun.js';
import { fieldMarks, simFailureText } from './sim-text.js';
import { activeStates, sampleValues, simEvents } from '../model/index.js';

/** The panel: set-up before a run, the run after. */
export function SimulatorPanel() {
  const t = useT();
  const { simulation } = useActions();
  const template = useEditor((s) => s.validation.template);
  const sim = useEditor((s) => s.sim);
  const lang = useEditor((s) => s.lang);
  const [data, setData] = useState(() => sampleValues(template?.data));
  const [params, setParams] = useState(() => sampleValues(template?.parameters));
  if (!template) return <p className="check-bad">{t('simNeedsValid')}</p>;
  // A refused start names the case data's fields, or the parameters'.
  const startsWithData = sim?.error !== undefined && /^case data/.test(sim.error);
  const startSchema = startsWithData ? template.data : template.parameters;
  if (sim && !sim.error)
    return <SimulatorRun sim={sim} active={activeStates(sim)} events={simEvents(sim)} />;
  return (
    <div data-testid="simulator-setup">
      {sim?.error && (
        <p className="check-bad" data-testid="sim-start-refused">
          {simFailureText(sim.failure, sim.error, lang, template, startSchema, { starting: true })}
        </p>
      )}
      <h4>{t('simData')}</h4>
      <SchemaForm
        schema={template.data}
        value={data}
        onChange={setData}
        idPrefix="sim-data"
        invalid={startsWithData ? fieldMarks(sim?.failure, template.data, lang) : undefined}
      />
      {Object.keys(template.parameters?.properties ?? {}).length > 0 && <h4>{t('simParams')}</h4>}
      <SchemaForm
        schema={template.parameters}
        value={params}
        onChange={setParams}
        idPrefix="sim-params"
        invalid={
          sim?.error && !startsWithData
            ? fieldMarks(sim.failure, template.parameters, lang)
            : undefined
        }
      />
      <p>
        <button
          className="primary"
          data-testid="sim-start"
          onClick={() => simulation.start(data, params)}
        >
          ▶ {t('simStart')}
        </button>
      </p>
      <p className="hint">{labelText(template.title, lang)}</p>
    </div>
  );
}
