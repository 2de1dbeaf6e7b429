/** The editor's frame: toolbar, palette, canvas, YAML beside it, the side panel, problems and status. */
import { useState } from 'react';
import { ReactFlowProvider } from '@xyflow/react';
import { FlowCanvas } from './canvas/FlowCanvas.js';
import { Inspector } from './panels/Inspector.js';
import { Palette } from './panels/Palette.js';
import { ProblemsPanel } from './panels/ProblemsPanel.js';
import { SimulatorPanel } from './panels/SimulatorPanel.js';
import { StatusBar } from './panels/StatusBar.js';
import { Toolbar } from './panels/Toolbar.js';
import { YamlPanel } from './panels/YamlPanel.js';
import { useT } from './state/editor-context.js';
import { useShortcuts } from './state/use-shortcuts.js';

/** The whole editor. */
export function App() {
  const t = useT();
  const [side, setSide] = useState<'inspector' | 'simulator'>('inspector');
  const [showYaml, setShowYaml] = useState(true);
  useShortcuts();
  return (
    <ReactFlowProvider>
      <div className={`app ${showYaml ? '' : 'no-yaml'}`}>
        <Toolbar showYaml={showYaml} onToggleYaml={() => setShowYaml(!showYaml)} />
        <Palette />
        <main className="canvas-area" aria-label="canvas">
          <FlowCanvas />
        </main>
        {showYaml && (
          <section className="yaml-area" aria-label={t('yaml')}>
            <YamlPanel />
          </section>
        )}
        <aside className="side-area">
          <div className="tabs" role="tablist">
            <button
              role="tab"
              aria-selected={side === 'inspector'}
              onClick={() => setSide('inspector')}
            >
              {t('inspector')}
            </button>
            <button
              role="tab"
              aria-selected={side === 'simulator'}
              onClick={() => setSide('simulator')}
              data-testid="tab-simulator"
            >
              {t('simulator')}
            </button>
          </div>
          <div className="side-body">
            {side === 'inspector' ? <Inspector /> : <SimulatorPanel />}
          </div>
        </aside>
        <section className="problems-area" aria-label={t('problems')}>
          <ProblemsPanel />
        </section>
        <StatusBar />
      </div>
    </ReactFlowProvider>
  );
}
