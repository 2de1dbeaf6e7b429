/** The frame of every page: the areas (设计 · 运行 · 工作), the language, who is signed in. */
import { NavLink, Outlet, useLocation, useNavigate } from 'react-router';
import { langStore, useLang, useText } from './lang-store.js';
import { roleTitles } from './role-title.js';
import { signOut, useSession } from './session-store.js';

/** Top bar and the current area below it. */
export function AppShell() {
  const t = useText();
  const lang = useLang();
  const session = useSession();
  const navigate = useNavigate();
  // The designer's pages have their own Content-Security-Policy (see engine/src/api/web-app-csp.ts):
  // crossing into or out of them loads the page afresh, so each runs under its own policy.
  const inDesigner = useLocation().pathname.startsWith('/design');
  const who =
    session.kind === 'person'
      ? `${session.person.displayName} · ${roleTitles(session.person.roles, lang)}`
      : session.kind === 'key'
        ? t('signedInKey')
        : undefined;
  return (
    <div className="shell">
      <header className="shell-bar">
        <span className="brand">{t('brand')}</span>
        <nav aria-label={t('mainNav')} className="areas">
          <NavLink to="/design" data-testid="area-design" reloadDocument={!inDesigner}>
            {t('areaDesign')}
          </NavLink>
          <NavLink to="/programmes" data-testid="area-programmes" reloadDocument={inDesigner}>
            {t('areaProgrammes')}
          </NavLink>
          <NavLink to="/work" data-testid="area-work" reloadDocument={inDesigner}>
            {t('areaWork')}
          </NavLink>
        </nav>
        <span className="spacer" />
        {who && (
          <span className="who" data-testid="who" title={who}>
            {who}
          </span>
        )}
        {who ? (
          <button
            data-testid="sign-out"
            onClick={() => void signOut().then(() => navigate('/sign-in'))}
          >
            {t('signOut')}
          </button>
        ) : (
          <NavLink to="/sign-in">{t('signIn')}</NavLink>
        )}
        <button
          data-testid="app-lang"
          onClick={() => langStore.getState().setLang(lang === 'zh' ? 'en' : 'zh')}
        >
          {t('language')}
        </button>
      </header>
      <Outlet />
    </div>
  );
}
