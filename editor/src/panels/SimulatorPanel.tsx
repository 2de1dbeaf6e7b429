/**
 * The simulator: sample data and parameters, then the engine's own step on a case in memory.
 * The current state lights up on the canvas and the path taken is numbered on its edges.
 */
import { useState } from 'react';
import { labelText } from '@relief/engine';
import { useActions, useEditor, useT } from '../state/editor-context.js';
import { SchemaForm } from './SchemaForm.js';
import { SimulatorRun } from './SimulatorRun.js';
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
  if (sim && !sim.error)
    return <SimulatorRun sim={sim} active={activeStates(sim)} events={simEvents(sim)} />;
  return (
    <div data-testid="simulator-setup">
      {sim?.error && <p className="check-bad">{sim.error}</p>}
      <h4>{t('simData')}</h4>
      <SchemaForm schema={template.data} value={data} onChange={setData} idPrefix="sim-data" />
      {Object.keys(template.parameters?.properties ?? {}).length > 0 && <h4>{t('simParams')}</h4>}
      <SchemaForm
        schema={template.parameters}
        value={params}
        onChange={setParams}
        idPrefix="sim-params"
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
