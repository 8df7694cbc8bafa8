import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { webhooks } from '../api/endpoints';
import type { WebhookMessage } from '../api/types';
import { Action } from '../components/Action';
import { Card, ErrorBanner, fieldErrorsOf, Loading, PageTitle, SelectField, StatusBadge, TextField } from '../components/ui';
import { formatDateTime } from '../lib/format';
import { usePolling } from '../lib/usePolling';
import { useSession } from '../session';

export function WebhooksPage() {
  const { canWrite } = useSession();
  const list = usePolling(() => webhooks.list(), []);
  const types = usePolling(() => webhooks.eventTypes(), [], null);
  const catalog = Array.isArray(types.data) ? types.data : (types.data?.data ?? []).map((t) => t.type);
  const [url, setUrl] = useState('');
  const [events, setEvents] = useState<string[]>(['*']);
  const [description, setDescription] = useState('');
  const [created, setCreated] = useState<{ id: string; secret?: string }>();

  return (
    <>
      <PageTitle actions={canWrite && (
        <Action label="Add endpoint" submitLabel="Create endpoint" variant="primary" fields={['url', 'events', 'description']}
          onDone={() => void list.reload()}
          onSubmit={async () => setCreated(await webhooks.create({ url, events, description: description || undefined }))}>
          {(error) => {
            const fe = fieldErrorsOf(error);
            return (
              <>
                <TextField label="Endpoint URL" type="url" value={url} onChange={(e) => setUrl(e.target.value)} error={fe.url} placeholder="https://example.com/webhooks" />
                <TextField label="Description" value={description} onChange={(e) => setDescription(e.target.value)} error={fe.description} />
                <SelectField label="Events" multiple size={6} value={events} error={fe.events}
                  onChange={(e) => setEvents([...e.target.selectedOptions].map((o) => o.value))}>
                  <option value="*">All events</option>
                  {catalog.map((t) => <option key={t} value={t}>{t}</option>)}
                </SelectField>
              </>
            );
          }}
        </Action>
      )}>Webhook endpoints</PageTitle>
      {created?.secret && (
        <div className="banner banner-info" role="status">
          Endpoint created. Its signing secret: <code>{created.secret}</code> (you can reveal it again on the endpoint's page).
        </div>
      )}
      <ErrorBanner error={list.error} />
      {list.loading && !list.data ? <Loading /> : (list.data?.data ?? []).length === 0 ? <p className="muted">No endpoints yet.</p> : (
        <div className="table-wrap">
          <table>
            <caption className="visually-hidden">Webhook endpoints</caption>
            <thead><tr><th scope="col">URL</th><th scope="col">Events</th><th scope="col">Status</th><th scope="col">Created</th></tr></thead>
            <tbody>
              {list.data!.data.map((w) => (
                <tr key={w.id}>
                  <td data-label="URL"><Link to={`/webhooks/${w.id}`}>{w.url}</Link></td>
                  <td data-label="Events">{w.events.join(', ')}</td>
                  <td data-label="Status"><StatusBadge status={w.status} /></td>
                  <td data-label="Created">{formatDateTime(w.createdAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}

function Attempts({ message }: { message: WebhookMessage }) {
  const [open, setOpen] = useState(false);
  const attempts = usePolling(() => (open ? webhooks.attempts(message.id) : Promise.resolve(null)), [open, message.id]);
  return (
    <>
      <button type="button" className="button-quiet" aria-expanded={open} onClick={() => setOpen(!open)}>
        {open ? 'Hide attempts' : `Show attempts (${message.attempts})`}
      </button>
      {open && (attempts.data ? (
        <ul className="attempts" aria-label={`Attempts of ${message.id}`}>
          {attempts.data.data.map((a) => (
            <li key={a.id}>
              {formatDateTime(a.attemptedAt)} · {a.responseStatus ? `HTTP ${a.responseStatus}` : a.error ?? 'no answer'}
              {a.latencyMs !== null && ` · ${a.latencyMs} ms`}
            </li>
          ))}
          {attempts.data.data.length === 0 && <li>No attempt yet.</li>}
        </ul>
      ) : <Loading />)}
    </>
  );
}

export function WebhookDetailPage() {
  const { id = '' } = useParams();
  const { canWrite } = useSession();
  const endpoint = usePolling(() => webhooks.get(id), [id], 10_000);
  const [status, setStatus] = useState('');
  const messages = usePolling(() => webhooks.messages(id, status || undefined), [id, status]);
  const [secret, setSecret] = useState<string>();
  const [error, setError] = useState<unknown>();
  const [notice, setNotice] = useState<string>();

  async function run(fn: () => Promise<unknown>, done?: string) {
    setError(undefined);
    try {
      await fn();
      if (done) setNotice(done);
      void messages.reload();
    } catch (e) {
      setError(e);
    }
  }

  const w = endpoint.data;
  return (
    <>
      <PageTitle actions={w && <StatusBadge status={w.status} />}>{w ? `Endpoint ${w.url}` : 'Endpoint'}</PageTitle>
      <ErrorBanner error={endpoint.error ?? error} />
      {notice && <div className="banner banner-info" role="status">{notice}</div>}
      {w && (
        <Card title="Signing secret">
          {secret ? <p><code className="secret">{secret}</code></p> : <p className="muted">Hidden.</p>}
          <div className="toolbar">
            {canWrite && <button type="button" className="button-secondary" onClick={() => void run(async () => setSecret((await webhooks.secret(id)).secret))}>Reveal secret</button>}
            {canWrite && <button type="button" className="button-secondary" onClick={() => void run(() => webhooks.test(id), 'A webhook.test message was queued.')}>Send test</button>}
          </div>
        </Card>
      )}
      <Card title="Deliveries">
        <div className="filters">
          <SelectField label="Delivery status" value={status} onChange={(e) => setStatus(e.target.value)}>
            <option value="">All</option><option value="pending">Pending</option><option value="delivered">Delivered</option><option value="failed">Failed</option>
          </SelectField>
        </div>
        {!messages.data ? <Loading /> : messages.data.data.length === 0 ? <p className="muted">No deliveries yet.</p> : (
          <ul className="deliveries" aria-label="Deliveries">
            {messages.data.data.map((m) => (
              <li key={m.id} className="delivery">
                <div className="delivery-head">
                  <strong>{m.type}</strong> <StatusBadge status={m.status} />
                  <span className="muted"> {formatDateTime(m.createdAt)} · {m.id}</span>
                </div>
                <div className="toolbar">
                  <Attempts message={m} />
                  {canWrite && m.status !== 'pending' && (
                    <button type="button" className="button-secondary" onClick={() => void run(() => webhooks.retry(m.id), `Message ${m.id} queued again.`)}>Retry {m.type}</button>
                  )}
                </div>
              </li>
            ))}
          </ul>
        )}
      </Card>
    </>
  );
}
