import { useState } from 'react';
import { apiKeys, notifications, users } from '../api/endpoints';
import type { ApiKey } from '../api/types';
import { Action } from '../components/Action';
import { ErrorBanner, fieldErrorsOf, Loading, PageTitle, SelectField, TextField } from '../components/ui';
import { formatDateTime, humanize } from '../lib/format';
import { usePolling } from '../lib/usePolling';
import { useSession } from '../session';

export function NotificationsPage() {
  const { canWrite } = useSession();
  const [unreadOnly, setUnreadOnly] = useState(false);
  const list = usePolling(() => notifications.list(unreadOnly || undefined), [unreadOnly]);
  const [error, setError] = useState<unknown>();
  return (
    <>
      <PageTitle>Notifications</PageTitle>
      <div className="filters">
        <label className="checkbox"><input type="checkbox" checked={unreadOnly} onChange={(e) => setUnreadOnly(e.target.checked)} /> Unread only</label>
      </div>
      <ErrorBanner error={list.error ?? error} />
      {!list.data ? <Loading /> : list.data.data.length === 0 ? <p className="muted">Nothing here.</p> : (
        <ul className="notifications">
          {list.data.data.map((n) => (
            <li key={n.id} className={n.read ? 'read' : 'unread'}>
              <div>
                <strong>{humanize(n.type)}</strong>{!n.read && <span className="badge badge-open">New</span>}
                <p>{n.message}</p>
                <span className="muted">{formatDateTime(n.createdAt)}</span>
              </div>
              {!n.read && canWrite && (
                <button type="button" className="button-secondary" onClick={() => notifications.read(n.id).then(() => list.reload(), setError)}>
                  Mark as read<span className="visually-hidden">: {n.message}</span>
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
    </>
  );
}

export function UsersPage() {
  const { isAdmin } = useSession();
  const list = usePolling(() => users.list(), []);
  const [form, setForm] = useState({ username: '', email: '', password: '', role: 'viewer' });
  const set = (k: keyof typeof form) => (e: { target: { value: string } }) => setForm({ ...form, [k]: e.target.value });
  if (!isAdmin) return <><PageTitle>Users</PageTitle><p>Only admins manage users.</p></>;
  return (
    <>
      <PageTitle actions={
        <Action label="Add user" submitLabel="Create user" variant="primary" fields={['username', 'email', 'password', 'role']}
          onDone={() => { setForm({ username: '', email: '', password: '', role: 'viewer' }); void list.reload(); }}
          onSubmit={() => users.create(form)}>
          {(error) => {
            const fe = fieldErrorsOf(error);
            const code = (error as { code?: string } | undefined)?.code;
            return (
              <div className="form-grid">
                <TextField label="New user's username" autoComplete="off" value={form.username} onChange={set('username')} error={fe.username ?? (code === 'duplicate_username' ? 'That username is taken.' : undefined)} />
                <TextField label="New user's email" type="email" autoComplete="off" value={form.email} onChange={set('email')} error={fe.email ?? (code === 'duplicate_email' ? 'That email is already registered.' : undefined)} />
                <TextField label="New user's password" type="password" autoComplete="new-password" value={form.password} onChange={set('password')} error={fe.password} hint="At least 12 characters" />
                <SelectField label="Role" value={form.role} onChange={set('role')} error={fe.role}>
                  <option value="viewer">Viewer (read only)</option>
                  <option value="admin">Admin</option>
                </SelectField>
              </div>
            );
          }}
        </Action>
      }>Users</PageTitle>
      <ErrorBanner error={list.error} />
      {!list.data ? <Loading /> : (
        <div className="table-wrap">
          <table>
            <caption className="visually-hidden">Users</caption>
            <thead><tr><th scope="col">Username</th><th scope="col">Email</th><th scope="col">Role</th><th scope="col">Since</th></tr></thead>
            <tbody>
              {list.data.data.map((u) => (
                <tr key={u.id}><td data-label="Username">{u.username}</td><td data-label="Email">{u.email}</td><td data-label="Role">{humanize(u.role)}</td><td data-label="Since">{formatDateTime(u.createdAt)}</td></tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}

export function ApiKeysPage() {
  const { isAdmin } = useSession();
  const list = usePolling(() => apiKeys.list(), []);
  const [name, setName] = useState('');
  const [scope, setScope] = useState('read_write');
  const [created, setCreated] = useState<ApiKey>();
  const [error, setError] = useState<unknown>();
  if (!isAdmin) return <><PageTitle>API keys</PageTitle><p>Only admins manage API keys.</p></>;
  return (
    <>
      <PageTitle actions={
        <Action label="Create API key" submitLabel="Create key" variant="primary" fields={['name', 'scope']}
          onDone={() => void list.reload()} onSubmit={async () => setCreated(await apiKeys.create({ name, scope }))}>
          {(err) => (
            <div className="form-grid">
              <TextField label="Key name" value={name} onChange={(e) => setName(e.target.value)} error={fieldErrorsOf(err).name} />
              <SelectField label="Scope" value={scope} onChange={(e) => setScope(e.target.value)} error={fieldErrorsOf(err).scope}>
                <option value="read_write">Read and write</option>
                <option value="read_only">Read only</option>
              </SelectField>
            </div>
          )}
        </Action>
      }>API keys</PageTitle>
      {created?.key && (
        <div className="banner banner-info" role="status">
          Copy the key now; it is shown only once: <code className="secret">{created.key}</code>
        </div>
      )}
      <ErrorBanner error={list.error ?? error} />
      {!list.data ? <Loading /> : list.data.data.length === 0 ? <p className="muted">No API keys yet.</p> : (
        <div className="table-wrap">
          <table>
            <caption className="visually-hidden">API keys</caption>
            <thead><tr><th scope="col">Name</th><th scope="col">Scope</th><th scope="col">Key</th><th scope="col">Created</th><th scope="col">Actions</th></tr></thead>
            <tbody>
              {list.data.data.map((k) => (
                <tr key={k.id}>
                  <td data-label="Name">{k.name}</td>
                  <td data-label="Scope">{humanize(k.scope)}</td>
                  <td data-label="Key">…{k.lastFour}</td>
                  <td data-label="Created">{formatDateTime(k.createdAt)}</td>
                  <td data-label="Actions">{k.revokedAt ? `Revoked ${formatDateTime(k.revokedAt)}` : (
                    <button type="button" className="button-danger" onClick={() => apiKeys.revoke(k.id).then(() => list.reload(), setError)}>Revoke<span className="visually-hidden"> {k.name}</span></button>
                  )}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
