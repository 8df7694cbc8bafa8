import { useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { all, customers, invoices, payments } from '../api/endpoints';
import type { Customer, Invoice, InvoiceStatus } from '../api/types';
import { ErrorBanner, Loading, Money, PageTitle, SelectField, StatusBadge, TextField } from '../components/ui';
import { formatDate } from '../lib/format';
import { invoicesFor, presetFromParams, presetLabel, todayUtc } from '../lib/insights';
import { usePolling } from '../lib/usePolling';
import { useSession } from '../session';

const STATUSES: InvoiceStatus[] = ['draft', 'open', 'overdue', 'paid', 'void', 'uncollectible'];

export function InvoiceTable({ rows, customerNames, caption }: { rows: Invoice[]; customerNames: Map<string, string>; caption: string }) {
  if (rows.length === 0) return <p className="muted">No invoices here.</p>;
  return (
    <div className="table-wrap">
      <table>
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">Number</th><th scope="col">Customer</th><th scope="col">Status</th>
            <th scope="col">Issued</th><th scope="col">Due</th><th scope="col" className="num">Total</th><th scope="col" className="num">Amount due</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((inv) => (
            <tr key={inv.id}>
              <td data-label="Number"><Link to={`/invoices/${inv.id}`}>{inv.number ?? 'Draft'}</Link>{!inv.number && <span className="visually-hidden"> {inv.id}</span>}</td>
              <td data-label="Customer">{customerNames.get(inv.customerId) ?? inv.customer?.name ?? inv.customerId}</td>
              <td data-label="Status"><StatusBadge status={inv.status} /></td>
              <td data-label="Issued">{formatDate(inv.issueDate)}</td>
              <td data-label="Due">{formatDate(inv.dueDate)}</td>
              <td data-label="Total" className="num"><Money amount={inv.total} currency={inv.currency} /></td>
              <td data-label="Amount due" className="num"><Money amount={inv.amountDue} currency={inv.currency} /></td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function useCustomerNames(): Map<string, string> {
  const { data } = usePolling(() => all<Customer>((cursor) => customers.list({ includeArchived: true, cursor }), 1000), [], 10_000);
  return new Map((data ?? []).map((c) => [c.id, c.name]));
}

export function InvoicesPage() {
  const { canWrite } = useSession();
  const [params, setParams] = useSearchParams();
  const preset = presetFromParams(params);
  const status = (params.get('status') ?? '') as InvoiceStatus | '';
  const [search, setSearch] = useState(params.get('q') ?? '');
  const names = useCustomerNames();

  const { data, error, loading } = usePolling(async () => {
    if (preset) {
      const [inv, pay] = await Promise.all([
        all((cursor) => invoices.list({ cursor })),
        all((cursor) => payments.list({ cursor })),
      ]);
      return invoicesFor(preset, inv, pay, todayUtc());
    }
    return all((cursor) => invoices.list({ status, cursor }), 500);
  }, [status, params.toString()]);

  const needle = search.trim().toLowerCase();
  const rows = (data ?? []).filter((inv) => !needle
    || (inv.number ?? '').toLowerCase().includes(needle)
    || (names.get(inv.customerId) ?? inv.customer?.name ?? '').toLowerCase().includes(needle));

  function setStatus(value: string) {
    const next = new URLSearchParams();
    if (value) next.set('status', value);
    setParams(next);
  }

  return (
    <>
      <PageTitle actions={canWrite && <Link className="button button-primary" to="/invoices/new">New invoice</Link>}>
        {preset ? presetLabel(preset) : 'Invoices'}
      </PageTitle>
      {preset && <p><Link to="/invoices">Show all invoices</Link></p>}
      <div className="filters" role="search">
        {!preset && (
          <SelectField label="Status" value={status} onChange={(e) => setStatus(e.target.value)}>
            <option value="">All statuses</option>
            {STATUSES.map((s) => <option key={s} value={s}>{s.charAt(0).toUpperCase() + s.slice(1)}</option>)}
          </SelectField>
        )}
        <TextField label="Search by number or customer" type="search" value={search} onChange={(e) => setSearch(e.target.value)} />
      </div>
      <ErrorBanner error={error} />
      {loading && !data ? <Loading /> : <InvoiceTable rows={rows} customerNames={names} caption="Invoices" />}
    </>
  );
}
