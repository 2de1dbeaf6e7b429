/** The frame of every page: the areas (设计 · 运行 · 工作), the language, who is signed in. */
import { NavLink, Outlet, useNavigate } from 'react-router';
import { langStore, useLang, useText } from './lang-store.js';
import { roleTitles } from './role-title.js';
import { signOut, useSession } from './session-store.js';

/** Top bar and the current area below it. */
export function AppShell() {
  const t = useText();
  const lang = useLang();
  const session = useSession();
  const navigate = useNavigate();
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
          <NavLink to="/design" data-testid="area-design">
            {t('areaDesign')}
          </NavLink>
          <NavLink to="/programmes" data-testid="area-programmes">
            {t('areaProgrammes')}
          </NavLink>
          <NavLink to="/work" data-testid="area-work">
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
