import { useEffect, useState, type FormEvent } from 'react';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import { ApiError } from '../api/client';
import { all, customers, invoices, settings, type InvoiceInput } from '../api/endpoints';
import type { Customer, Invoice, LineKind } from '../api/types';
import { Card, ErrorBanner, Loading, Money, PageTitle, SelectField, TextArea, TextField } from '../components/ui';
import { draftTotals, lineFromApi, lineToApi, mapLineFieldErrors, newLine, validateLines, type FieldErrors, type LineDraft } from '../lib/forms';
import { formatNumber, isCurrencyCode, lineAmount } from '../lib/money';
import { normaliseDecimalInput } from '../lib/forms';

const UNITS = ['hour', 'day', 'item', 'month'] as const;

function LineEditor({ line, index, position, currency, errors, onChange, onRemove, focus }: {
  line: LineDraft; index: number; position: number; currency: string; errors: FieldErrors; focus: boolean;
  onChange: (l: LineDraft) => void; onRemove: () => void;
}) {
  const set = (k: keyof LineDraft) => (e: { target: { value: string } }) => onChange({ ...line, [k]: e.target.value });
  const e = (f: string) => errors[`lineItems[${index}].${f}`];
  const amount = lineAmount(normaliseDecimalInput(line.quantity), normaliseDecimalInput(line.unitPrice), currency);
  const noun = line.kind === 'service' ? 'Service' : 'Expense';
  const name = `${noun} ${position}`;
  return (
    <fieldset className="line">
      <legend>{name}</legend>
      <div className="line-grid">
        <TextField className="wide" label={`${name} description`} value={line.description} onChange={set('description')} error={e('description')} maxLength={500} autoFocus={focus} />
        <TextField label={line.kind === 'service' && line.unit === 'hour' ? `${name} hours` : `${name} quantity`} inputMode="decimal" value={line.quantity} onChange={set('quantity')} error={e('quantity')} />
        <SelectField label={`${name} unit`} value={line.unit} onChange={set('unit')} error={e('unit')}>
          <option value="">No unit</option>
          {UNITS.map((u) => <option key={u} value={u}>{u}</option>)}
        </SelectField>
        <TextField label={line.kind === 'service' ? `${name} rate` : `${name} unit price`} inputMode="decimal" value={line.unitPrice} onChange={set('unitPrice')} error={e('unitPrice')} />
        <TextField label={`${name} tax %`} inputMode="decimal" value={line.taxRatePercent} onChange={set('taxRatePercent')} error={e('taxRatePercent')} />
        <TextField label={`${name} reference`} value={line.reference} onChange={set('reference')} error={e('reference')} maxLength={100} />
        <TextField label={`${name} period start`} type="date" value={line.periodStart} onChange={set('periodStart')} error={e('period')} />
        <TextField label={`${name} period end`} type="date" value={line.periodEnd} onChange={set('periodEnd')} />
      </div>
      <div className="line-foot">
        <output aria-label={`${name} amount`}>{amount !== null && isCurrencyCode(currency) ? <Money amount={amount} currency={currency} /> : '—'}</output>
        <button type="button" className="button-quiet" onClick={onRemove}>Remove {name.toLowerCase()}</button>
      </div>
    </fieldset>
  );
}

export function InvoiceEditorPage() {
  const { id } = useParams();
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const editing = Boolean(id);
  const [original, setOriginal] = useState<Invoice>();
  const [customerList, setCustomerList] = useState<Customer[]>();
  const [customerId, setCustomerId] = useState(params.get('customerId') ?? '');
  const [currency, setCurrency] = useState('');
  const [dueInDays, setDueInDays] = useState('');
  const [reference, setReference] = useState('');
  const [notes, setNotes] = useState('');
  const [terms, setTerms] = useState('');
  const [lines, setLines] = useState<LineDraft[]>([]);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    void all((cursor) => customers.list({ cursor })).then(setCustomerList, setError);
    if (id) {
      invoices.get(id).then((inv) => {
        setOriginal(inv);
        setCustomerId(inv.customerId);
        setCurrency(inv.currency);
        setReference(inv.reference ?? '');
        setNotes(inv.notes ?? '');
        setTerms(inv.terms ?? '');
        setLines(inv.lineItems.map(lineFromApi));
      }, setError);
    } else {
      settings.get().then((s) => setCurrency((c) => c || s.defaultCurrency), () => setCurrency((c) => c || 'USD'));
      setLines([newLine('service')]);
    }
  }, [id]);

  const cur = currency.trim().toUpperCase();
  const validCurrency = isCurrencyCode(cur);
  const totals = validCurrency ? draftTotals(lines, cur) : null;

  const update = (key: string, l: LineDraft) => setLines((ls) => ls.map((x) => (x.key === key ? l : x)));
  const remove = (key: string) => setLines((ls) => ls.filter((x) => x.key !== key));
  // a line added from the keyboard takes the focus, so typing continues in it
  const [focusKey, setFocusKey] = useState<string>();
  const add = (kind: LineKind) => {
    const line = newLine(kind);
    setFocusKey(line.key);
    setLines((ls) => [...ls, line]);
  };

  async function submit(e: FormEvent) {
    e.preventDefault();
    const local: FieldErrors = validCurrency ? validateLines(lines, cur) : { currency: 'A three-letter ISO 4217 code, e.g. EUR.' };
    if (!customerId) local.customerId = 'Choose a customer.';
    if (dueInDays && !/^\d+$/.test(dueInDays)) local.dueInDays = 'A whole number of days.';
    setErrors(local);
    setError(undefined);
    if (Object.keys(local).length) {
      setError(new Error('Please correct the highlighted fields.'));
      return;
    }
    setBusy(true);
    const fields: InvoiceInput = {
      customerId, currency: cur, reference: reference || null, notes: notes || null, terms: terms || null,
      ...(dueInDays ? { dueInDays: Number(dueInDays) } : {}),
    };
    try {
      if (!editing) {
        const created = await invoices.create({ ...fields, lineItems: lines.map(lineToApi) });
        navigate(`/invoices/${created.id}`);
      } else {
        await invoices.update(id!, fields);
        const before = new Map(original!.lineItems.map((l) => [l.id, JSON.stringify(lineToApi(lineFromApi(l)))]));
        const kept = new Set(lines.filter((l) => l.id).map((l) => l.id!));
        for (const old of original!.lineItems) if (!kept.has(old.id)) await invoices.removeLine(id!, old.id);
        for (const [index, l] of lines.entries()) {
          if (l.id && before.get(l.id) === JSON.stringify(lineToApi(l))) continue;
          try {
            // a PATCH cannot clear an optional field, so a changed line is replaced
            if (l.id) await invoices.removeLine(id!, l.id);
            await invoices.addLine(id!, lineToApi(l));
          } catch (err) {
            if (err instanceof ApiError) setErrors(mapLineFieldErrors(err.fieldErrors, index));
            throw err;
          }
        }
        navigate(`/invoices/${id}`);
      }
    } catch (err) {
      if (err instanceof ApiError && Object.keys(err.fieldErrors).length) setErrors((prev) => ({ ...prev, ...err.fieldErrors }));
      setError(err);
    } finally {
      setBusy(false);
    }
  }

  if (editing && !original) return <><PageTitle>Edit draft</PageTitle><ErrorBanner error={error} /><Loading /></>;
  if (original && original.status !== 'draft') {
    return <><PageTitle>Edit draft</PageTitle><p>Only drafts can be edited. <Link to={`/invoices/${original.id}`}>Back to the invoice</Link></p></>;
  }

  const services = lines.map((l, i) => ({ l, i })).filter(({ l }) => l.kind === 'service');
  const expenses = lines.map((l, i) => ({ l, i })).filter(({ l }) => l.kind === 'expense');

  return (
    <form onSubmit={submit} noValidate className="editor">
      <PageTitle>{editing ? `Edit draft ${original?.id}` : 'New invoice'}</PageTitle>
      <ErrorBanner error={error} shownFields={Object.keys(errors)} />
      <Card title="Details">
        <div className="form-grid">
          <SelectField label="Customer" value={customerId} onChange={(e) => setCustomerId(e.target.value)} error={errors.customerId}>
            <option value="">Choose a customer…</option>
            {(customerList ?? []).map((c) => <option key={c.id} value={c.id}>{c.name}</option>)}
          </SelectField>
          <TextField label="Currency" value={currency} maxLength={3} onChange={(e) => setCurrency(e.target.value.toUpperCase())} error={errors.currency} />
          <TextField label="Due in days" inputMode="numeric" value={dueInDays} onChange={(e) => setDueInDays(e.target.value)} error={errors.dueInDays} hint="Empty: the payment terms from settings" />
          <TextField label="Invoice reference" value={reference} onChange={(e) => setReference(e.target.value)} error={errors.reference} maxLength={100} />
        </div>
        {customerList && customerList.length === 0 && <p>No customers yet. <Link to="/customers">Add a customer</Link> first.</p>}
      </Card>
      <Card title="Professional services">
        {services.map(({ l, i }, n) => (
          <LineEditor key={l.key} line={l} index={i} position={n + 1} currency={cur} errors={errors} focus={l.key === focusKey} onChange={(x) => update(l.key, x)} onRemove={() => remove(l.key)} />
        ))}
        <button type="button" className="button-secondary" onClick={() => add('service')}>Add service</button>
      </Card>
      <Card title="Pass-through expenses">
        {expenses.map(({ l, i }, n) => (
          <LineEditor key={l.key} line={l} index={i} position={n + 1} currency={cur} errors={errors} focus={l.key === focusKey} onChange={(x) => update(l.key, x)} onRemove={() => remove(l.key)} />
        ))}
        <button type="button" className="button-secondary" onClick={() => add('expense')}>Add expense</button>
      </Card>
      <Card title="Notes and terms">
        <div className="form-grid">
          <TextArea label="Notes" value={notes} onChange={(e) => setNotes(e.target.value)} error={errors.notes} hint="Markdown" />
          <TextArea label="Terms" value={terms} onChange={(e) => setTerms(e.target.value)} error={errors.terms} hint="Markdown" />
        </div>
      </Card>
      <Card title="Totals" className="sticky-totals">
        {totals ? (
          <dl className="totals" aria-live="polite">
            <div><dt>Subtotal</dt><dd data-testid="subtotal"><Money amount={totals.subtotal} currency={cur} /></dd></div>
            {totals.taxBreakdown.map((t) => (
              <div key={t.ratePercent}><dt>Tax {formatNumber(t.ratePercent)} % on <Money amount={t.base} currency={cur} /></dt><dd><Money amount={t.tax} currency={cur} /></dd></div>
            ))}
            <div className="total"><dt>Total</dt><dd><output aria-label="Invoice total"><Money amount={totals.total} currency={cur} /></output></dd></div>
          </dl>
        ) : <p className="muted">Enter a valid currency to see totals.</p>}
        <div className="form-actions">
          <button type="submit" className="button-primary" disabled={busy}>{busy ? 'Saving…' : editing ? 'Save draft' : 'Create draft'}</button>
          <Link className="button button-quiet" to={editing ? `/invoices/${id}` : '/invoices'}>Cancel</Link>
        </div>
      </Card>
    </form>
  );
}
