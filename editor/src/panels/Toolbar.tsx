/**
 * The top bar: open, save draft, publish, versions and diff, undo/redo, layout, YAML toggle, key.
 * The language is the app header's one toggle (shared by every area), not repeated here.
 */
import { useState } from 'react';
import { labelText } from '@relief/engine';
import { useActions, useEditor, useT } from '../state/editor-context.js';
import { ApiKeyDialog } from './ApiKeyDialog.js';
import { ExportMenu } from './ExportMenu.js';
import { NewTemplateDialog } from './NewTemplateDialog.js';
import { OpenDialog } from './OpenDialog.js';
import { PublishDialog } from './PublishDialog.js';
import { VersionsDialog } from './VersionsDialog.js';

/** The toolbar. */
export function Toolbar({
  showYaml,
  onToggleYaml,
}: {
  showYaml: boolean;
  onToggleYaml: () => void;
}) {
  const t = useT();
  const { store, remote } = useActions();
  const [dialog, setDialog] = useState<
    'new' | 'open' | 'versions' | 'key' | 'publish' | undefined
  >();
  const lang = useEditor((s) => s.lang);
  const title = useEditor((s) => s.template.title);
  const version = useEditor((s) => s.template.version);
  const ref = useEditor((s) => s.remote);
  const dirty = useEditor((s) => s.remote?.savedSource !== s.source);
  const canUndo = useEditor((s) => s.past.length > 0);
  const canRedo = useEditor((s) => s.future.length > 0);
  const direction = useEditor((s) => s.direction);
  const s = store.getState;
  return (
    <header className="toolbar">
      <span className="name">{t('appName')}</span>
      <button onClick={() => setDialog('new')} data-testid="new">
        {t('newTemplate')}
      </button>
      <button onClick={() => setDialog('open')} data-testid="open">
        {t('open')}
      </button>
      <button onClick={() => void remote.saveDraft()} data-testid="save">
        {t('saveDraft')}
      </button>
      <button onClick={() => setDialog('publish')} data-testid="publish">
        {t('publish')}
      </button>
      <button onClick={() => setDialog('versions')} disabled={!ref} data-testid="versions">
        {t('versions')}
      </button>
      <span className="tag" data-testid="doc-status">
        {labelText(title, lang) ?? ''} · v{String(version ?? '?')} ·{' '}
        {dirty ? t('unsaved') : ref?.status === 'published' ? t('published') : t('draft')}
      </span>
      <span className="spacer" />
      <button onClick={() => s().undo()} disabled={!canUndo} title="Ctrl+Z" data-testid="undo">
        ↶ {t('undo')}
      </button>
      <button onClick={() => s().redo()} disabled={!canRedo} title="Ctrl+Y" data-testid="redo">
        ↷ {t('redo')}
      </button>
      <button onClick={() => s().relayout()} data-testid="relayout">
        ⇆ {t('autoLayout')}
      </button>
      <button
        onClick={() => {
          const next = direction === 'TB' ? 'LR' : 'TB';
          localStorage.setItem('relief.direction', next);
          s().setDirection(next);
        }}
        title={t('direction')}
        data-testid="direction"
      >
        {direction === 'TB' ? `⇆ ${t('horizontal')}` : `⇅ ${t('vertical')}`}
      </button>
      <ExportMenu />
      <button className="yaml-toggle" onClick={onToggleYaml} aria-pressed={showYaml}>
        {'</>'} {t('yaml')}
      </button>
      <button onClick={() => setDialog('key')} data-testid="api-key-open">
        {t('apiKey')}
      </button>
      {dialog === 'new' && <NewTemplateDialog onClose={() => setDialog(undefined)} />}
      {dialog === 'open' && <OpenDialog onClose={() => setDialog(undefined)} />}
      {dialog === 'versions' && ref && (
        <VersionsDialog id={ref.id} onClose={() => setDialog(undefined)} />
      )}
      {dialog === 'key' && <ApiKeyDialog onClose={() => setDialog(undefined)} />}
      {dialog === 'publish' && <PublishDialog onClose={() => setDialog(undefined)} />}
    </header>
  );
}
