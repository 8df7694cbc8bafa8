import { useEffect, useState, type FormEvent } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { all, customers } from '../api/endpoints';
import type { Address, Customer } from '../api/types';
import { AddressFields, addressToApi, EMPTY_ADDRESS } from '../components/AddressFields';
import { Card, ErrorBanner, fieldErrorsOf, Loading, Money, PageTitle, TextField } from '../components/ui';
import { totalsByCurrency } from '../lib/insights';
import { usePolling } from '../lib/usePolling';
import { useSession } from '../session';
import { InvoiceTable } from './Invoices';

function CustomerForm({ initial, submitLabel, onSave }: { initial?: Customer; submitLabel: string; onSave: (c: Customer) => void }) {
  const [name, setName] = useState(initial?.name ?? '');
  const [email, setEmail] = useState(initial?.email ?? '');
  const [address, setAddress] = useState<Address>({ ...EMPTY_ADDRESS, ...(initial?.address ?? {}) });
  const [taxId, setTaxId] = useState(initial?.taxId ?? '');
  const [locale, setLocale] = useState(initial?.locale ?? '');
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setError(undefined);
    const body = { name, email, address: addressToApi(address), taxId: taxId || null, locale: locale || null };
    try {
      const saved = initial ? await customers.update(initial.id, body) : await customers.create(body);
      onSave(saved);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }

  const fe = fieldErrorsOf(error);
  return (
    <form onSubmit={submit} noValidate aria-label={submitLabel}>
      <ErrorBanner error={error} shownFields={['name', 'email', 'taxId', 'locale', 'address', ...['line1', 'line2', 'city', 'region', 'postalCode', 'country'].map((k) => `address.${k}`)]} />
      <div className="form-grid">
        <TextField label="Name" autoComplete="organization" value={name} onChange={(e) => setName(e.target.value)} error={fe.name} />
        <TextField label="Email" type="email" autoComplete="email" value={email} onChange={(e) => setEmail(e.target.value)} error={fe.email} />
        <TextField label="Tax ID" value={taxId} onChange={(e) => setTaxId(e.target.value)} error={fe.taxId} />
        <TextField label="Locale" value={locale} onChange={(e) => setLocale(e.target.value)} error={fe.locale} hint="Used on the PDF, e.g. de-DE" />
      </div>
      <AddressFields legend="Billing address" value={address} onChange={setAddress} errors={fe} prefix="address" />
      <div className="form-actions"><button type="submit" className="button-primary" disabled={busy}>{submitLabel}</button></div>
    </form>
  );
}

export function CustomersPage() {
  const { canWrite } = useSession();
  const navigate = useNavigate();
  const [adding, setAdding] = useState(false);
  const { data, error, loading } = usePolling(() => all((cursor) => customers.list({ cursor })), []);
  return (
    <>
      <PageTitle actions={canWrite && !adding && <button type="button" className="button-primary" onClick={() => setAdding(true)}>New customer</button>}>Customers</PageTitle>
      {adding && (
        <Card title="New customer">
          <CustomerForm submitLabel="Save customer" onSave={(c) => navigate(`/customers/${c.id}`)} />
        </Card>
      )}
      <ErrorBanner error={error} />
      {loading && !data ? <Loading /> : (data ?? []).length === 0 ? <p className="muted">No customers yet.</p> : (
        <div className="table-wrap">
          <table>
            <caption className="visually-hidden">Customers</caption>
            <thead><tr><th scope="col">Name</th><th scope="col">Email</th><th scope="col">Country</th></tr></thead>
            <tbody>
              {data!.map((c) => (
                <tr key={c.id}>
                  <td data-label="Name"><Link to={`/customers/${c.id}`}>{c.name}</Link></td>
                  <td data-label="Email">{c.email}</td>
                  <td data-label="Country">{c.address?.country ?? '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}

export function CustomerDetailPage() {
  const { id = '' } = useParams();
  const { canWrite } = useSession();
  const [editing, setEditing] = useState(false);
  const customer = usePolling(() => customers.get(id), [id]);
  const invs = usePolling(() => customers.invoices(id), [id]);
  const [names, setNames] = useState(new Map<string, string>());
  useEffect(() => {
    if (customer.data) setNames(new Map([[customer.data.id, customer.data.name]]));
  }, [customer.data]);

  const c = customer.data;
  if (!c) return <><PageTitle>Customer</PageTitle><ErrorBanner error={customer.error} />{customer.loading && <Loading />}</>;
  const open = (invs.data?.data ?? []).filter((i) => i.status === 'open' || i.status === 'overdue');
  const balance = totalsByCurrency(open, (i) => i.currency, (i) => i.amountDue);
  return (
    <>
      <PageTitle actions={canWrite && (
        <>
          {!editing && <button type="button" className="button-secondary" onClick={() => setEditing(true)}>Edit customer</button>}
          <Link className="button button-primary" to={`/invoices/new?customerId=${c.id}`}>New invoice</Link>
        </>
      )}>{c.name}</PageTitle>
      <p className="lead">{c.email}{c.address ? ` · ${c.address.line1}, ${c.address.postalCode} ${c.address.city}, ${c.address.country}` : ''}{c.archived ? ' · archived' : ''}</p>
      {editing && (
        <Card title="Edit customer">
          <CustomerForm initial={c} submitLabel="Save changes" onSave={() => { setEditing(false); void customer.reload(); }} />
        </Card>
      )}
      <Card title="Balance">
        {Object.keys(balance).length === 0 ? <p>Nothing outstanding.</p> : (
          <ul className="figure-list">{Object.entries(balance).map(([cur, amt]) => <li key={cur}><Money amount={amt} currency={cur} /> outstanding</li>)}</ul>
        )}
      </Card>
      <Card title="Invoices">
        {invs.data ? <InvoiceTable rows={invs.data.data} customerNames={names} caption={`Invoices of ${c.name}`} /> : <Loading />}
      </Card>
    </>
  );
}
