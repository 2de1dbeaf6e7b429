/**
 * A new template: its title and id first (the id is made from the English title; one already on
 * the server is refused before anything is saved, so a new template never overwrites another),
 * then where to start: blank, a copy of the open template, or a shipped template from the gallery.
 */
import { useEffect, useState } from 'react';
import type { ReactNode } from 'react';
import { useSearchParams } from 'react-router';
import { labelText } from '@relief/engine';
import { useActions, useEditor, useT } from '../state/editor-context.js';
import { STARTER_TEMPLATE } from '../state/starter-template.js';
import type { ShippedTemplate } from '../design/shipped-templates.js';
import { TEMPLATE_ID, asNewTemplate, idFromTitle } from '../model/index.js';

type Start = { kind: 'blank' } | { kind: 'open' } | { kind: 'shipped'; item: ShippedTemplate };

/** The dialog; `start` preselects "a copy of the open template" (the toolbar's Duplicate). */
export function NewTemplateDialog({
  onClose,
  duplicate = false,
}: {
  onClose: () => void;
  duplicate?: boolean;
}) {
  const t = useT();
  const { store, remote } = useActions();
  const lang = useEditor((s) => s.lang);
  const openTitle = useEditor((s) => s.template.title);
  const [zh, setZh] = useState('');
  const [en, setEn] = useState('');
  const [id, setId] = useState('');
  const [start, setStart] = useState<Start>(duplicate ? { kind: 'open' } : { kind: 'blank' });
  const [, setParams] = useSearchParams();
  const [gallery, setGallery] = useState<ShippedTemplate[] | undefined>();
  const [taken, setTaken] = useState<Set<string> | undefined>();
  useEffect(() => {
    void import('../design/shipped-templates.js')
      .then((m) => m.loadShippedTemplates())
      .then(setGallery);
    // The server's ids, to refuse one that exists (unreachable server: checked again on save).
    remote.listTemplates().then(
      (items) => setTaken(new Set(items.map((i) => i.id))),
      () => setTaken(undefined),
    );
  }, [remote]);
  const chosenId = id || idFromTitle(en);
  const badId = chosenId !== '' && !TEMPLATE_ID.test(chosenId);
  const exists = taken?.has(chosenId) ?? false;
  const ready = zh.trim() !== '' && chosenId !== '' && !badId && !exists;
  const create = () => {
    if (!ready) return;
    if (store.getState().isDirty() && start.kind !== 'open' && !window.confirm(t('discardChanges')))
      return;
    const from =
      start.kind === 'blank'
        ? STARTER_TEMPLATE
        : start.kind === 'open'
          ? store.getState().source
          : start.item.source;
    store
      .getState()
      .load(asNewTemplate(from, chosenId, { zh: zh.trim(), en: en.trim() || zh.trim() }));
    // Not on the server yet: the URL names no template until the first save.
    setParams({}, { replace: true });
    onClose();
  };
  const option = (key: string, active: boolean, onPick: () => void, body: ReactNode) => (
    <button
      key={key}
      className={`gallery-card ${active ? 'chosen' : ''}`}
      aria-pressed={active}
      data-start={key}
      onClick={onPick}
    >
      {body}
    </button>
  );
  return (
    <div className="dialog-backdrop" onClick={onClose}>
      <div
        className="dialog wide"
        role="dialog"
        aria-label={t('newTemplateTitle')}
        onClick={(e) => e.stopPropagation()}
        data-testid="new-dialog"
      >
        <h3>{t('newTemplateTitle')}</h3>
        <label>{t('title')}</label>
        <div className="row">
          <input
            value={zh}
            onChange={(e) => setZh(e.target.value)}
            placeholder={t('nameZh')}
            aria-label={`${t('title')} ${t('zh')}`}
            data-testid="new-title-zh"
            autoFocus
          />
          <input
            value={en}
            onChange={(e) => setEn(e.target.value)}
            placeholder={t('nameEn')}
            aria-label={`${t('title')} ${t('en')}`}
            data-testid="new-title-en"
          />
        </div>
        <label>{t('templateId')}</label>
        <input
          value={id}
          onChange={(e) => setId(e.target.value.trim())}
          placeholder={chosenId || 'volunteer-onboarding'}
          aria-label={t('templateId')}
          data-testid="new-id"
        />
        <div className={exists || badId ? 'check-bad' : 'hint'} data-testid="new-id-check">
          {exists
            ? t('templateIdTaken', { id: chosenId })
            : badId
              ? t('templateIdBad')
              : `${chosenId ? `${chosenId} · ` : ''}${t('templateIdHint')}`}
        </div>
        <h4>{t('startFrom')}</h4>
        <div className="gallery" data-testid="gallery">
          {option(
            'blank',
            start.kind === 'blank',
            () => setStart({ kind: 'blank' }),
            <b>{t('blankTemplate')}</b>,
          )}
          {option(
            'open',
            start.kind === 'open',
            () => setStart({ kind: 'open' }),
            <b>{t('copyOf', { title: labelText(openTitle, lang) ?? '' })}</b>,
          )}
          {!gallery && <p className="hint">{t('loading')}</p>}
          {gallery?.map((item) =>
            option(
              item.id,
              start.kind === 'shipped' && start.item.id === item.id,
              () => setStart({ kind: 'shipped', item }),
              <>
                <span className="hint">{labelText(item.category, lang)}</span>
                <b>{labelText(item.title, lang) ?? item.id}</b>
                <span className="hint">{labelText(item.serves, lang)}</span>
              </>,
            ),
          )}
        </div>
        <div className="actions">
          <button className="primary" disabled={!ready} onClick={create} data-testid="new-create">
            {t('create')}
          </button>
          <button onClick={onClose}>{t('cancel')}</button>
        </div>
      </div>
    </div>
  );
}
