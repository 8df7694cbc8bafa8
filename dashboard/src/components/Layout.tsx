import { useEffect, useState, type ReactNode } from 'react';
import { NavLink, useLocation } from 'react-router';
import { notifications } from '../api/endpoints';
import { usePolling } from '../lib/usePolling';
import { useSession } from '../session';

export function Layout({ children }: { children: ReactNode }) {
  const { session, isAdmin, signOut } = useSession();
  const [menuOpen, setMenuOpen] = useState(false);
  const location = useLocation();
  const unread = usePolling(() => notifications.list(true), [location.pathname]);
  const unreadCount = unread.data?.data.length ?? 0;
  const more = unread.data?.nextCursor ? '+' : '';

  useEffect(() => setMenuOpen(false), [location.pathname]);

  const links: [string, string][] = [
    ['/', 'Home'],
    ['/invoices', 'Invoices'],
    ['/customers', 'Customers'],
    ['/recurring', 'Recurring'],
    ['/webhooks', 'Webhooks'],
    ['/settings', 'Settings'],
    ...(isAdmin ? ([['/users', 'Users'], ['/api-keys', 'API keys']] as [string, string][]) : []),
  ];

  return (
    <div className="app">
      <a className="skip-link" href="#main">Skip to content</a>
      <header className="topbar">
        <span className="brand" aria-hidden="true">◆</span>
        <span className="org">{session?.organizationName ?? 'Billstream'}</span>
        <button type="button" className="menu-button" aria-expanded={menuOpen} aria-controls="main-nav" onClick={() => setMenuOpen((o) => !o)}>
          Menu
        </button>
        <NavLink to="/notifications" className="bell" aria-label={`Notifications, ${unreadCount}${more} unread`}>
          <svg aria-hidden="true" width="20" height="20" viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" strokeLinejoin="round">
            <path d="M18 8a6 6 0 0 0-12 0c0 7-3 9-3 9h18s-3-2-3-9" /><path d="M13.7 21a2 2 0 0 1-3.4 0" />
          </svg>
          {unreadCount > 0 && <span className="count" aria-hidden="true">{unreadCount}{more}</span>}
        </NavLink>
        <span className="user" title={session?.user.email}>
          {session?.user.username} <span className="role">{session?.user.role}</span>
        </span>
        <button type="button" className="button-quiet" onClick={() => void signOut()}>Log out</button>
      </header>
      <div className="shell">
        <nav id="main-nav" aria-label="Main" className={menuOpen ? 'open' : ''}>
          <ul>
            {links.map(([to, label]) => (
              <li key={to}><NavLink to={to} end={to === '/'}>{label}</NavLink></li>
            ))}
            <li><NavLink to="/notifications">Notifications{unreadCount > 0 ? ` (${unreadCount}${more})` : ''}</NavLink></li>
          </ul>
        </nav>
        <main id="main">{children}</main>
      </div>
    </div>
  );
}
