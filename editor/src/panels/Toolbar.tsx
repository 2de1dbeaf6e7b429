/**
 * The top bar: open, save draft, publish, versions and diff, undo/redo, layout, YAML toggle, key.
 * The language is the app header's one toggle (shared by every area), not repeated here.
 *
 * On a phone (below 768 px) it keeps one row: what the open template is and whether it is saved,
 * undo, redo and save draft stay in sight; the rest is behind 更多 / More (see MoreMenu). At 390 px
 * the full toolbar took three rows in Chinese and four in English, 149 and 197 px of 844.
 */
import { useState } from 'react';
import { labelText } from '@relief/engine';
import { useActions, useEditor, useT } from '../state/editor-context.js';
import { usePhone } from '../shell/use-phone.js';
import { ApiKeyDialog } from './ApiKeyDialog.js';
import { ExportMenu, useExportImage } from './ExportMenu.js';
import { MoreMenu } from './MoreMenu.js';
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
  const phone = usePhone();
  const exporter = useExportImage();
  const turn = () => {
    const next = direction === 'TB' ? 'LR' : 'TB';
    localStorage.setItem('relief.direction', next);
    s().setDirection(next);
  };
  const status = (
    <span className="tag doc-status" data-testid="doc-status">
      <span className="doc-title">{labelText(title, lang) ?? ''}</span>
      <span className="doc-sep"> · </span>
      <span className="doc-state">
        <span className="doc-version">v{String(version ?? '?')} · </span>
        {dirty ? t('unsaved') : ref?.status === 'published' ? t('published') : t('draft')}
      </span>
    </span>
  );
  const dialogs = (
    <>
      {dialog === 'new' && <NewTemplateDialog onClose={() => setDialog(undefined)} />}
      {dialog === 'open' && <OpenDialog onClose={() => setDialog(undefined)} />}
      {dialog === 'versions' && ref && (
        <VersionsDialog id={ref.id} onClose={() => setDialog(undefined)} />
      )}
      {dialog === 'key' && <ApiKeyDialog onClose={() => setDialog(undefined)} />}
      {dialog === 'publish' && <PublishDialog onClose={() => setDialog(undefined)} />}
    </>
  );
  // The dialogs are the toolbar's but not inside its bar: its button rules (one line, no
  // shrinking) made the new-template gallery's descriptions run out of their cards.
  if (phone)
    return (
      <>
        <header className="toolbar phone-toolbar">
          {status}
          <button
            className="icon"
            onClick={() => s().undo()}
            disabled={!canUndo}
            aria-label={t('undo')}
            title={t('undo')}
            data-testid="undo"
          >
            ↶
          </button>
          <button
            className="icon"
            onClick={() => s().redo()}
            disabled={!canRedo}
            aria-label={t('redo')}
            title={t('redo')}
            data-testid="redo"
          >
            ↷
          </button>
          <button onClick={() => void remote.saveDraft()} data-testid="save">
            {t('saveDraft')}
          </button>
          <MoreMenu
            label={t('more')}
            menuLabel={t('moreActions')}
            items={[
              { label: t('open'), onSelect: () => setDialog('open'), testId: 'open' },
              { label: t('newTemplate'), onSelect: () => setDialog('new'), testId: 'new' },
              { label: t('publish'), onSelect: () => setDialog('publish'), testId: 'publish' },
              {
                label: t('versions'),
                onSelect: () => setDialog('versions'),
                disabled: !ref,
                testId: 'versions',
              },
              {
                label: `⇆ ${t('autoLayout')}`,
                onSelect: () => s().relayout(),
                testId: 'relayout',
                groupStart: true,
              },
              {
                label: direction === 'TB' ? `⇆ ${t('horizontal')}` : `⇅ ${t('vertical')}`,
                onSelect: turn,
                title: t('direction'),
                testId: 'direction',
              },
              {
                label: `⤓ ${t('exportSvgItem')}`,
                onSelect: () => void exporter.save('svg'),
                disabled: exporter.busy,
                title: t('exportSvgHelp'),
                testId: 'export-svg',
              },
              {
                label: `⤓ ${t('exportPngItem')}`,
                onSelect: () => void exporter.save('png'),
                disabled: exporter.busy,
                title: t('exportPngHelp'),
                testId: 'export-png',
              },
              {
                label: t('apiKey'),
                onSelect: () => setDialog('key'),
                testId: 'api-key-open',
                groupStart: true,
              },
            ]}
          />
        </header>
        {dialogs}
      </>
    );
  return (
    <>
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
        {status}
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
        <button onClick={turn} title={t('direction')} data-testid="direction">
          {direction === 'TB' ? `⇆ ${t('horizontal')}` : `⇅ ${t('vertical')}`}
        </button>
        <ExportMenu />
        <button className="yaml-toggle" onClick={onToggleYaml} aria-pressed={showYaml}>
          {'</>'} {t('yaml')}
        </button>
        <button onClick={() => setDialog('key')} data-testid="api-key-open">
          {t('apiKey')}
        </button>
      </header>
      {dialogs}
    </>
  );
}
