/** The published templates, each with its title, description and what it tracks. */
import { Link } from 'react-router';
import type { Template } from '@relief/engine';
import { LoadError } from '../LoadError.js';
import { loadTemplate } from '../template-cache.js';
import { fieldsOf, statesOf } from '../template-info.js';
import { useLoad } from '../use-load.js';
import { useLang, useText } from '../../shell/lang-store.js';
import { pickLabel } from '../../shell/pick-label.js';
import { api } from '../../shell/session-store.js';

/** The gallery. */
export default function GalleryPage() {
  const t = useText();
  const lang = useLang();
  const list = useLoad(async (signal) => {
    const { items } = await api.call('listTemplates', { signal });
    const published = items.filter((i) => i.publishedVersion !== null);
    const defs = await Promise.all(published.map((i) => loadTemplate(i.id, i.publishedVersion!)));
    return published.map((i, n) => ({ summary: i, template: defs[n]! }));
  }, 'gallery');
  return (
    <main className="page">
      <h1>{t('galleryTitle')}</h1>
      <p className="hint">{t('galleryHint')}</p>
      {list.error !== undefined && <LoadError error={list.error} retry={list.reload} />}
      {list.loading && !list.data && <p>{t('loading')}</p>}
      {list.data?.length === 0 && <p className="empty">{t('noPublished')}</p>}
      <div className="cards">
        {list.data?.map(({ summary, template }) => (
          <TemplateCard key={summary.id} template={template} lang={lang} t={t} />
        ))}
      </div>
    </main>
  );
}

function TemplateCard({
  template,
  lang,
  t,
}: {
  template: Template;
  lang: 'zh' | 'en';
  t: ReturnType<typeof useText>;
}) {
  const fields = fieldsOf(template.data).filter(
    (f) => f.required || fieldsOf(template.data).length <= 6,
  );
  return (
    <article className="card" data-testid={`template-${template.id}`}>
      {template.gallery && (
        <span className="badge">{pickLabel(template.gallery.category, lang)}</span>
      )}
      <h2>{pickLabel(template.title, lang, template.id)}</h2>
      <p className="card-desc">{pickLabel(template.description, lang)}</p>
      {template.gallery && (
        <p className="tracks">
          <b>{t('serves')}：</b>
          {pickLabel(template.gallery.serves, lang)}
        </p>
      )}
      <p className="tracks">
        <b>{t('tracks')}：</b>
        {fields.map((f) => pickLabel(f.title, lang, f.name)).join('、')}
        {' · '}
        {t('statesCount', { n: statesOf(template).filter((s) => !s.final).length })}
      </p>
      {template.gallery && <p className="source">{pickLabel(template.gallery.source, lang)}</p>}
      <Link
        className="button primary"
        to={`/programmes/new/${encodeURIComponent(template.id)}`}
        data-testid={`use-${template.id}`}
      >
        {t('useTemplate')}
      </Link>
    </article>
  );
}
