/** The Programmes area: its own navigation above the page. */
import { NavLink, Outlet } from 'react-router';
import { useText } from '../shell/lang-store.js';
import '../styles/console.css';

/** Sub-navigation and the page. */
export default function ConsoleLayout() {
  const t = useText();
  return (
    <div className="console">
      <nav className="console-nav" aria-label={t('consoleNav')}>
        <NavLink to="/programmes" end>
          {t('navOverview')}
        </NavLink>
        <NavLink to="/programmes/new" data-testid="nav-start">
          {t('navStart')}
        </NavLink>
        <NavLink to="/admin/people">{t('navPeople')}</NavLink>
        <NavLink to="/admin/keys">{t('navKeys')}</NavLink>
        <NavLink to="/admin/webhooks">{t('navWebhooks')}</NavLink>
        <NavLink to="/admin/access-log" data-testid="nav-access-log">
          {t('navAccessLog')}
        </NavLink>
      </nav>
      <Outlet />
    </div>
  );
}
