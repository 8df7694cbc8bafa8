import { useEffect } from 'react';
import { Navigate, Route, Routes, useLocation } from 'react-router';
import { Layout } from './components/Layout';
import { Loading } from './components/ui';
import { ApiKeysPage, NotificationsPage, UsersPage } from './pages/Admin';
import { LoginPage, SignupPage } from './pages/Auth';
import { CustomerDetailPage, CustomersPage } from './pages/Customers';
import { HomePage } from './pages/Home';
import { InvoiceDetailPage } from './pages/InvoiceDetail';
import { InvoiceEditorPage } from './pages/InvoiceEditor';
import { InvoicesPage } from './pages/Invoices';
import { RecurringPage } from './pages/Recurring';
import { SettingsPage } from './pages/Settings';
import { WebhookDetailPage, WebhooksPage } from './pages/Webhooks';
import { useSession } from './session';

const TITLES: [RegExp, string][] = [
  [/^\/$/, 'Home'], [/^\/invoices\/new/, 'New invoice'], [/^\/invoices\/.+\/edit/, 'Edit draft'], [/^\/invoices\/.+/, 'Invoice'],
  [/^\/invoices/, 'Invoices'], [/^\/customers\/.+/, 'Customer'], [/^\/customers/, 'Customers'], [/^\/recurring/, 'Recurring invoices'],
  [/^\/webhooks\/.+/, 'Webhook endpoint'], [/^\/webhooks/, 'Webhooks'], [/^\/notifications/, 'Notifications'], [/^\/settings/, 'Settings'],
  [/^\/users/, 'Users'], [/^\/api-keys/, 'API keys'], [/^\/login/, 'Log in'], [/^\/signup/, 'Sign up'],
];

function DocumentTitle() {
  const { pathname } = useLocation();
  useEffect(() => {
    const t = TITLES.find(([re]) => re.test(pathname))?.[1];
    document.title = t ? `${t} · Billstream` : 'Billstream';
  }, [pathname]);
  return null;
}

function loginPath(from: string, ended: boolean): string {
  const q = new URLSearchParams();
  if (ended) q.set('expired', '1');
  if (from !== '/') q.set('next', from);
  const s = q.toString();
  return s ? `/login?${s}` : '/login';
}

export function App() {
  const { session, loading, ended } = useSession();
  const location = useLocation();
  if (loading) return <main className="auth"><Loading /></main>;
  if (!session) {
    return (
      <>
        <DocumentTitle />
        <Routes>
          <Route path="/signup" element={<main><SignupPage /></main>} />
          <Route path="/login" element={<main><LoginPage /></main>} />
          <Route path="*" element={<Navigate to={loginPath(location.pathname + location.search, ended)} replace />} />
        </Routes>
      </>
    );
  }
  return (
    <Layout>
      <DocumentTitle />
      <Routes>
        <Route path="/" element={<HomePage />} />
        <Route path="/invoices" element={<InvoicesPage />} />
        <Route path="/invoices/new" element={<InvoiceEditorPage />} />
        <Route path="/invoices/:id" element={<InvoiceDetailPage />} />
        <Route path="/invoices/:id/edit" element={<InvoiceEditorPage />} />
        <Route path="/customers" element={<CustomersPage />} />
        <Route path="/customers/:id" element={<CustomerDetailPage />} />
        <Route path="/recurring" element={<RecurringPage />} />
        <Route path="/webhooks" element={<WebhooksPage />} />
        <Route path="/webhooks/:id" element={<WebhookDetailPage />} />
        <Route path="/notifications" element={<NotificationsPage />} />
        <Route path="/settings" element={<SettingsPage />} />
        <Route path="/users" element={<UsersPage />} />
        <Route path="/api-keys" element={<ApiKeysPage />} />
        {/* right after signing in, these pages are still the location: continue where the person was going */}
        <Route path="/login" element={<Navigate to={new URLSearchParams(location.search).get('next') ?? '/'} replace />} />
        <Route path="/signup" element={<Navigate to="/settings?welcome=1" replace />} />
        <Route path="*" element={<p>Page not found.</p>} />
      </Routes>
    </Layout>
  );
}
