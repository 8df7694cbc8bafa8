import { useState } from 'react';
import { Link } from 'react-router';
import { ApiError } from '../api/client';
import { all, customers, recurring } from '../api/endpoints';
import { Action } from '../components/Action';
import { ErrorBanner, fieldErrorsOf, Loading, Notice, PageTitle, SelectField, StatusBadge, TextField } from '../components/ui';
import { formatDate, humanize } from '../lib/format';
import { lineToApi, newLine } from '../lib/forms';
import { usePolling } from '../lib/usePolling';
import { useSession } from '../session';
import { useCustomerNames } from './Invoices';

/** Recurring schedules (docs/api-reference.md §11): list, create, pause, resume, cancel. */
export function RecurringPage() {
  const { canWrite } = useSession();
  const names = useCustomerNames();
  const list = usePolling(() => recurring.list(), []);
  const custs = usePolling(() => all((cursor) => customers.list({ cursor })), [], 10_000);
  const [form, setForm] = useState({ customerId: '', interval: 'month', intervalCount: '1', anchorDate: new Date().toISOString().slice(0, 10), mode: 'issue', description: '', quantity: '1', unit: 'month', unitPrice: '', currency: '' });
  const [actionError, setActionError] = useState<unknown>();
  const set = (k: keyof typeof form) => (e: { target: { value: string } }) => setForm({ ...form, [k]: e.target.value });
  const unavailable = list.error instanceof ApiError && (list.error.status === 404 || list.error.status === 503);

  async function act(id: string, action: 'pause' | 'resume' | 'cancel') {
    setActionError(undefined);
    try {
      await recurring.action(id, action);
      void list.reload();
    } catch (e) {
      setActionError(e);
    }
  }

  return (
    <>
      <PageTitle actions={canWrite && !unavailable && (
        <Action label="New schedule" submitLabel="Create schedule" variant="primary" onDone={() => void list.reload()}
          fields={['customerId', 'interval', 'intervalCount', 'anchorDate', 'mode', 'currency', 'lineItems[0].description', 'lineItems[0].quantity', 'lineItems[0].unitPrice']}
          onSubmit={() => recurring.create({
            customerId: form.customerId, interval: form.interval, intervalCount: Number(form.intervalCount), anchorDate: form.anchorDate, mode: form.mode,
            ...(form.currency ? { currency: form.currency } : {}),
            lineItems: [lineToApi(newLine('service', { description: form.description, quantity: form.quantity, unit: form.unit as 'month', unitPrice: form.unitPrice }))],
          })}>
          {(error) => {
            const fe = fieldErrorsOf(error);
            return (
              <div className="form-grid">
                <SelectField label="Customer" value={form.customerId} onChange={set('customerId')} error={fe.customerId}>
                  <option value="">Choose a customer…</option>
                  {(custs.data ?? []).map((c) => <option key={c.id} value={c.id}>{c.name}</option>)}
                </SelectField>
                <SelectField label="Every" value={form.interval} onChange={set('interval')} error={fe.interval}>
                  {['week', 'month', 'quarter', 'year'].map((i) => <option key={i} value={i}>{i}</option>)}
                </SelectField>
                <TextField label="Interval count" inputMode="numeric" value={form.intervalCount} onChange={set('intervalCount')} error={fe.intervalCount} />
                <TextField label="First run" type="date" value={form.anchorDate} onChange={set('anchorDate')} error={fe.anchorDate} />
                <SelectField label="Mode" value={form.mode} onChange={set('mode')} error={fe.mode}>
                  <option value="issue">Issue automatically</option>
                  <option value="draft">Leave a draft</option>
                </SelectField>
                <TextField label="Currency" value={form.currency} onChange={set('currency')} error={fe.currency} hint="Empty: the default currency" />
                <TextField label="Line description" value={form.description} onChange={set('description')} error={fe['lineItems[0].description']} />
                <TextField label="Line quantity" inputMode="decimal" value={form.quantity} onChange={set('quantity')} error={fe['lineItems[0].quantity']} />
                <TextField label="Line unit price" inputMode="decimal" value={form.unitPrice} onChange={set('unitPrice')} error={fe['lineItems[0].unitPrice']} />
              </div>
            );
          }}
        </Action>
      )}>Recurring invoices</PageTitle>
      <ErrorBanner error={actionError} />
      {unavailable ? <Notice>Recurring schedules are not available on this server yet.</Notice> : <ErrorBanner error={list.error} />}
      {list.loading && !list.data ? <Loading /> : (list.data?.data ?? []).length === 0 ? (!unavailable && <p className="muted">No schedules yet.</p>) : (
        <div className="table-wrap">
          <table>
            <caption className="visually-hidden">Recurring schedules</caption>
            <thead><tr><th scope="col">Customer</th><th scope="col">Every</th><th scope="col">Next run</th><th scope="col">Runs</th><th scope="col">Status</th>{canWrite && <th scope="col">Actions</th>}</tr></thead>
            <tbody>
              {list.data!.data.map((r) => (
                <tr key={r.id}>
                  <td data-label="Customer">{names.get(r.customerId) ?? r.customerId}</td>
                  <td data-label="Every">{r.intervalCount > 1 ? `${r.intervalCount} ${r.interval}s` : r.interval} · {humanize(r.mode)}</td>
                  <td data-label="Next run">{formatDate(r.nextRunDate)}</td>
                  <td data-label="Runs">{r.runs}{r.lastInvoiceId && <> · <Link to={`/invoices/${r.lastInvoiceId}`}>last invoice</Link></>}</td>
                  <td data-label="Status"><StatusBadge status={r.status} /></td>
                  {canWrite && (
                    <td data-label="Actions" className="row-actions">
                      {r.status === 'active' && <button type="button" className="button-secondary" onClick={() => void act(r.id, 'pause')}>Pause</button>}
                      {r.status === 'paused' && <button type="button" className="button-secondary" onClick={() => void act(r.id, 'resume')}>Resume</button>}
                      {(r.status === 'active' || r.status === 'paused') && <button type="button" className="button-danger" onClick={() => void act(r.id, 'cancel')}>Cancel schedule</button>}
                    </td>
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
