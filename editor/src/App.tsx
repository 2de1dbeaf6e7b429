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
import { useEditor, useT } from './state/editor-context.js';
import { useShortcuts } from './state/use-shortcuts.js';

/** The whole editor. */
export function App() {
  const t = useT();
  const [side, setSide] = useState<'inspector' | 'simulator'>('inspector');
  const [showYaml, setShowYaml] = useState(true);
  // On a phone (PHONE_QUERY: below 768 px, or a touch screen turned sideways) one area at a time
  // (CSS shows the phone tabs only there).
  const [phone, setPhone] = useState<'canvas' | 'inspector' | 'simulator'>('canvas');
  const pick = (tab: typeof phone) => {
    setPhone(tab);
    if (tab !== 'canvas') setSide(tab);
  };
  // A comparison is read-only: a phone gives the palette's row to the graph meanwhile.
  const comparing = useEditor((s) => s.diff !== undefined);
  useShortcuts();
  return (
    <ReactFlowProvider>
      <div
        className={`app ${showYaml ? '' : 'no-yaml'} phone-${phone}${comparing ? ' comparing' : ''}`}
      >
        <Toolbar showYaml={showYaml} onToggleYaml={() => setShowYaml(!showYaml)} />
        <div className="phone-tabs tabs" role="tablist" aria-label={t('tabCanvas')}>
          {(
            [
              ['canvas', 'tabCanvas'],
              ['inspector', 'tabInspector'],
              ['simulator', 'tabSimulator'],
            ] as const
          ).map(([tab, key]) => (
            <button key={tab} role="tab" aria-selected={phone === tab} onClick={() => pick(tab)}>
              {t(key)}
            </button>
          ))}
        </div>
        <Palette />
        <main className="canvas-area" aria-label={t('rf.canvas')}>
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
