import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { ApiError } from '../api/client';
import { invoices, payments } from '../api/endpoints';
import type { HistoryEntry, Invoice, LineItem, Payment } from '../api/types';
import { Action } from '../components/Action';
import { Card, ErrorBanner, fieldErrorsOf, Loading, Money, PageTitle, SelectField, StatusBadge, TextArea, TextField } from '../components/ui';
import { formatDate, formatDateTime, humanize } from '../lib/format';
import { formatNumber, sum } from '../lib/money';
import { usePolling } from '../lib/usePolling';
import { useSession } from '../session';
import { useCustomerNames } from './Invoices';

const METHODS = ['bank_transfer', 'card', 'cash', 'check', 'other'];
const CREDIT_REASONS = ['duplicate', 'order_change', 'product_unsatisfactory', 'fraudulent', 'other'];

function LineTable({ title, lines, currency }: { title: string; lines: LineItem[]; currency: string }) {
  if (lines.length === 0) return null;
  return (
    <div className="table-wrap">
      <table className="lines">
        <caption>{title}</caption>
        <thead>
          <tr><th scope="col">Description</th><th scope="col" className="num">Quantity</th><th scope="col" className="num">Unit price</th><th scope="col" className="num">Tax</th><th scope="col" className="num">Amount</th></tr>
        </thead>
        <tbody>
          {lines.map((l) => (
            <tr key={l.id}>
              <td data-label="Description">
                {l.description}
                {(l.reference || l.period) && (
                  <span className="sub">{[l.reference, l.period && `${formatDate(l.period.start)} – ${formatDate(l.period.end)}`].filter(Boolean).join(' · ')}</span>
                )}
              </td>
              <td data-label="Quantity" className="num">{formatNumber(l.quantity)} {l.unit ? humanize(l.unit).toLowerCase() + (l.quantity === '1' ? '' : 's') : ''}</td>
              <td data-label="Unit price" className="num"><Money amount={l.unitPrice} currency={currency} /></td>
              <td data-label="Tax" className="num">{l.taxRatePercent ? `${formatNumber(l.taxRatePercent)} %` : '—'}</td>
              <td data-label="Amount" className="num"><Money amount={l.amount} currency={currency} /></td>
            </tr>
          ))}
          <tr className="subtotal"><th scope="row" colSpan={4}>{title} subtotal</th><td className="num"><Money amount={sum(lines.map((l) => l.amount), currency)} currency={currency} /></td></tr>
        </tbody>
      </table>
    </div>
  );
}

function Totals({ inv }: { inv: Invoice }) {
  return (
    <dl className="totals">
      <div><dt>Subtotal</dt><dd><Money amount={inv.subtotal} currency={inv.currency} /></dd></div>
      {inv.taxBreakdown.map((t) => (
        <div key={t.ratePercent}><dt>Tax {formatNumber(t.ratePercent)} % on <Money amount={t.base} currency={inv.currency} /></dt><dd><Money amount={t.tax} currency={inv.currency} /></dd></div>
      ))}
      {inv.lateFees !== '0' && !/^0(\.0+)?$/.test(inv.lateFees) && <div><dt>Late fees</dt><dd><Money amount={inv.lateFees} currency={inv.currency} /></dd></div>}
      <div className="total"><dt>Total</dt><dd><Money amount={inv.total} currency={inv.currency} /></dd></div>
      <div><dt>Paid</dt><dd><Money amount={inv.amountPaid} currency={inv.currency} /></dd></div>
      {inv.amountCredited && !/^0(\.0+)?$/.test(inv.amountCredited) && <div><dt>Credited</dt><dd><Money amount={inv.amountCredited} currency={inv.currency} /></dd></div>}
      <div className="due"><dt>Amount due</dt><dd><Money amount={inv.amountDue} currency={inv.currency} /></dd></div>
    </dl>
  );
}

function Timeline({ entries }: { entries: HistoryEntry[] }) {
  return (
    <ol className="timeline">
      {entries.map((e) => (
        <li key={e.sequence}>
          <span className="dot" aria-hidden="true" />
          <strong>{humanize(e.type.replace(/^Invoice/, 'Invoice '))}</strong>
          <span className="muted"> · {formatDateTime(e.occurredAt)} · {e.actor.type === 'system' ? 'system' : `${humanize(e.actor.type)} ${e.actor.id ?? ''}`}</span>
        </li>
      ))}
    </ol>
  );
}

function PaymentRow({ p, canWrite, reload }: { p: Payment; canWrite: boolean; reload: () => void }) {
  const [amount, setAmount] = useState(p.amount);
  const [reason, setReason] = useState('');
  const refundable = sum([p.amount, '-' + p.refundedAmount], p.currency);
  return (
    <li className="payment">
      <div>
        <strong><Money amount={p.amount} currency={p.currency} /></strong> by {humanize(p.method).toLowerCase()} on {formatDateTime(p.paidAt)}
        {p.refundedAmount && !/^0(\.0+)?$/.test(p.refundedAmount) && <span className="muted"> · refunded <Money amount={p.refundedAmount} currency={p.currency} /></span>}
      </div>
      {canWrite && !/^0(\.0+)?$/.test(refundable) && (
        <Action label="Refund" submitLabel="Refund payment" fields={['amount', 'reason']} onDone={reload}
          onSubmit={() => payments.refund(p.id, { amount, reason: reason || undefined })}>
          {(error) => (
            <>
              <TextField label="Refund amount" inputMode="decimal" value={amount} onChange={(e) => setAmount(e.target.value)} error={fieldErrorsOf(error).amount} />
              <TextField label="Reason" value={reason} onChange={(e) => setReason(e.target.value)} error={fieldErrorsOf(error).reason} />
            </>
          )}
        </Action>
      )}
    </li>
  );
}

export function InvoiceDetailPage() {
  const { id = '' } = useParams();
  const { canWrite } = useSession();
  const navigate = useNavigate();
  const names = useCustomerNames();
  const inv = usePolling(() => invoices.get(id), [id]);
  const history = usePolling(() => invoices.history(id), [id]);
  const pays = usePolling(() => payments.list({ invoiceId: id }), [id]);
  const [actionError, setActionError] = useState<unknown>();
  const [pdfVersion, setPdfVersion] = useState(0);

  const [payAmount, setPayAmount] = useState('');
  const [method, setMethod] = useState('bank_transfer');
  const [payRef, setPayRef] = useState('');
  const [voidReason, setVoidReason] = useState('');
  const [sendTo, setSendTo] = useState('');
  const [message, setMessage] = useState('');
  const [creditAmount, setCreditAmount] = useState('');
  const [creditReason, setCreditReason] = useState('other');
  const [memo, setMemo] = useState('');

  const reload = () => {
    void inv.reload();
    void history.reload();
    void pays.reload();
    setPdfVersion((v) => v + 1);
  };

  async function run(fn: () => Promise<unknown>) {
    setActionError(undefined);
    try {
      await fn();
      reload();
    } catch (e) {
      setActionError(e);
    }
  }

  if (inv.error instanceof ApiError && inv.error.status === 404) {
    return <><PageTitle>Invoice not found</PageTitle><p><Link to="/invoices">Back to invoices</Link></p></>;
  }
  const i = inv.data;
  if (!i) return <><PageTitle>Invoice</PageTitle><ErrorBanner error={inv.error} />{inv.loading && <Loading />}</>;

  const services = i.lineItems.filter((l) => l.kind === 'service');
  const expenses = i.lineItems.filter((l) => l.kind === 'expense');
  const payable = i.status === 'open' || i.status === 'overdue';
  const creditable = payable || i.status === 'paid';
  const issued = i.status !== 'draft';
  const title = i.number ? `Invoice ${i.number}` : 'Draft invoice';

  return (
    <>
      <PageTitle actions={<StatusBadge status={i.status} />}>{title}</PageTitle>
      <p className="lead">
        <Link to={`/customers/${i.customerId}`}>{names.get(i.customerId) ?? i.customer?.name ?? i.customerId}</Link>
        {' · '}Issued {formatDate(i.issueDate)} · Due {formatDate(i.dueDate)}{i.reference ? ` · Ref. ${i.reference}` : ''}
      </p>
      <ErrorBanner error={actionError} />
      {canWrite && (
        <div className="toolbar" role="group" aria-label="Invoice actions">
          {i.status === 'draft' && (
            <>
              <Link className="button button-secondary" to={`/invoices/${i.id}/edit`}>Edit draft</Link>
              <button type="button" className="button-primary" onClick={() => void run(() => invoices.issue(i.id))}>Issue invoice</button>
              <button type="button" className="button-danger" onClick={() => void run(async () => { await invoices.remove(i.id); navigate('/invoices'); })}>Delete draft</button>
            </>
          )}
          {payable && (
            <Action label="Record payment" submitLabel="Save payment" variant="primary" fields={['amount', 'method', 'reference']} onDone={reload}
              onSubmit={() => payments.record({ invoiceId: i.id, amount: payAmount || i.amountDue, currency: i.currency, method, reference: payRef || undefined })}>
              {(error) => (
                <>
                  <TextField label="Amount" inputMode="decimal" placeholder={i.amountDue} value={payAmount} onChange={(e) => setPayAmount(e.target.value)} error={fieldErrorsOf(error).amount} hint={`Amount due: ${i.amountDue} ${i.currency}`} />
                  <SelectField label="Method" value={method} onChange={(e) => setMethod(e.target.value)} error={fieldErrorsOf(error).method}>
                    {METHODS.map((m) => <option key={m} value={m}>{humanize(m)}</option>)}
                  </SelectField>
                  <TextField label="Payment reference" value={payRef} onChange={(e) => setPayRef(e.target.value)} error={fieldErrorsOf(error).reference} />
                </>
              )}
            </Action>
          )}
          {issued && i.status !== 'void' && (
            <Action label="Send" submitLabel="Send invoice" fields={['to', 'message']} onDone={reload}
              onSubmit={() => invoices.send(i.id, { to: sendTo ? sendTo.split(',').map((s) => s.trim()).filter(Boolean) : undefined, message: message || undefined })}>
              {(error) => (
                <>
                  <TextField label="To (comma-separated, default: the customer)" type="text" value={sendTo} onChange={(e) => setSendTo(e.target.value)} error={fieldErrorsOf(error).to} />
                  <TextArea label="Message" value={message} onChange={(e) => setMessage(e.target.value)} error={fieldErrorsOf(error).message} />
                </>
              )}
            </Action>
          )}
          {creditable && (
            <Action label="Credit note" submitLabel="Issue credit note" fields={['amount', 'reason', 'memo']} onDone={reload}
              onSubmit={() => invoices.creditNote(i.id, { amount: creditAmount, reason: creditReason, memo: memo || undefined })}>
              {(error) => (
                <>
                  <TextField label="Credit amount" inputMode="decimal" value={creditAmount} onChange={(e) => setCreditAmount(e.target.value)} error={fieldErrorsOf(error).amount} />
                  <SelectField label="Reason" value={creditReason} onChange={(e) => setCreditReason(e.target.value)} error={fieldErrorsOf(error).reason}>
                    {CREDIT_REASONS.map((r) => <option key={r} value={r}>{humanize(r)}</option>)}
                  </SelectField>
                  <TextField label="Memo" value={memo} onChange={(e) => setMemo(e.target.value)} error={fieldErrorsOf(error).memo} />
                </>
              )}
            </Action>
          )}
          {payable && /^0(\.0+)?$/.test(i.amountPaid) && (
            <Action label="Void" submitLabel="Void invoice" variant="danger" fields={['reason']} onDone={reload}
              onSubmit={() => invoices.void(i.id, voidReason)}>
              {(error) => <TextField label="Reason for voiding" value={voidReason} onChange={(e) => setVoidReason(e.target.value)} error={fieldErrorsOf(error).reason} />}
            </Action>
          )}
          {payable && (
            <button type="button" className="button-quiet" onClick={() => void run(() => invoices.markUncollectible(i.id))}>Mark uncollectible</button>
          )}
        </div>
      )}
      <div className="detail-grid">
        <div>
          <Card title="Line items">
            <LineTable title="Professional services" lines={services} currency={i.currency} />
            <LineTable title="Pass-through expenses" lines={expenses} currency={i.currency} />
            {i.lineItems.length === 0 && <p className="muted">No line items yet.</p>}
            <Totals inv={i} />
          </Card>
          <Card title="Payments">
            {(pays.data?.data.length ?? 0) === 0 ? <p className="muted">No payments yet.</p> : (
              <ul className="payments">{pays.data!.data.map((p) => <PaymentRow key={p.id} p={p} canWrite={canWrite} reload={reload} />)}</ul>
            )}
          </Card>
          {issued && (
            <Card title="PDF">
              <p className="toolbar">
                <a className="button button-secondary" href={invoices.pdfUrl(i.id)} target="_blank" rel="noopener">Open PDF</a>
                <a className="button button-secondary" href={invoices.pdfUrl(i.id)} download={`invoice-${(i.number ?? i.id).replace(/\//g, '-')}.pdf`}>Download PDF</a>
              </p>
              <iframe key={pdfVersion} className="pdf" title={`PDF preview of ${title}`} src={invoices.pdfUrl(i.id)} />
            </Card>
          )}
        </div>
        <Card title="History">
          {history.data ? <Timeline entries={history.data.data} /> : <Loading />}
        </Card>
      </div>
    </>
  );
}
