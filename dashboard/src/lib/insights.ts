// The home screen's figures, computed exactly (decimal strings) from the API's invoices and payments, and the
// filters that list the invoices behind each figure — one definition serves both, so they always agree.
import type { Invoice, Payment } from '../api/types';
import { sum } from './money';

export type AgingBucket = 'current' | '1-30' | '31-60' | '60+';
export const AGING_BUCKETS: AgingBucket[] = ['current', '1-30', '31-60', '60+'];

const OPEN: Invoice['status'][] = ['open', 'overdue'];

export function isOutstanding(inv: Invoice): boolean {
  return OPEN.includes(inv.status);
}

export function isOverdue(inv: Invoice): boolean {
  return inv.status === 'overdue';
}

/** Whole days from the due date to `today` (both YYYY-MM-DD, UTC). */
export function daysPastDue(dueDate: string | null, today: string): number {
  if (!dueDate) return 0;
  return Math.round((Date.parse(today + 'T00:00:00Z') - Date.parse(dueDate + 'T00:00:00Z')) / 86_400_000);
}

export function agingBucket(inv: Invoice, today: string): AgingBucket {
  const d = daysPastDue(inv.dueDate, today);
  if (d <= 0) return 'current';
  if (d <= 30) return '1-30';
  if (d <= 60) return '31-60';
  return '60+';
}

export function monthOf(isoDateOrInstant: string): string {
  return isoDateOrInstant.slice(0, 7);
}

export function todayUtc(now = new Date()): string {
  return now.toISOString().slice(0, 10);
}

/** Amount sums per currency, currencies sorted. */
export function totalsByCurrency<T>(items: T[], currency: (t: T) => string, amount: (t: T) => string): Record<string, string> {
  const groups = new Map<string, string[]>();
  for (const item of items) {
    const c = currency(item);
    groups.set(c, [...(groups.get(c) ?? []), amount(item)]);
  }
  const out: Record<string, string> = {};
  for (const c of [...groups.keys()].sort()) out[c] = sum(groups.get(c)!, c);
  return out;
}

/** Net amount a payment brought in (refunds taken off). */
export function netPaid(p: Payment): string {
  return sum([p.amount, '-' + (p.refundedAmount || '0')], p.currency);
}

export interface Insights {
  outstanding: Record<string, string>;
  overdue: Record<string, string>;
  paidThisMonth: Record<string, string>;
  aging: Record<string, Record<AgingBucket, string>>;
  months: string[];
  monthly: Record<string, { month: string; invoiced: string; paid: string }[]>;
}

export type Preset =
  | { kind: 'outstanding' }
  | { kind: 'overdue' }
  | { kind: 'paid-this-month' }
  | { kind: 'aging'; bucket: AgingBucket }
  | { kind: 'invoiced'; month: string }
  | { kind: 'paid'; month: string };

export function lastMonths(today: string, count: number): string[] {
  const [y, m] = today.split('-').map(Number) as [number, number];
  const out: string[] = [];
  for (let i = count - 1; i >= 0; i--) {
    const d = new Date(Date.UTC(y, m - 1 - i, 1));
    out.push(d.toISOString().slice(0, 7));
  }
  return out;
}

function isIssued(inv: Invoice): boolean {
  return inv.status !== 'draft' && inv.status !== 'void' && inv.issueDate !== null;
}

export function computeInsights(invoices: Invoice[], payments: Payment[], today: string, monthCount = 6): Insights {
  const thisMonth = monthOf(today);
  const open = invoices.filter(isOutstanding);
  const aging: Insights['aging'] = {};
  for (const currency of [...new Set(open.map((i) => i.currency))].sort()) {
    const mine = open.filter((i) => i.currency === currency);
    aging[currency] = Object.fromEntries(
      AGING_BUCKETS.map((b) => [b, sum(mine.filter((i) => agingBucket(i, today) === b).map((i) => i.amountDue), currency)]),
    ) as Record<AgingBucket, string>;
  }
  const months = lastMonths(today, monthCount);
  const currencies = [...new Set([...invoices.filter(isIssued).map((i) => i.currency), ...payments.map((p) => p.currency)])].sort();
  const monthly: Insights['monthly'] = {};
  for (const c of currencies) {
    monthly[c] = months.map((month) => ({
      month,
      invoiced: sum(invoices.filter((i) => i.currency === c && isIssued(i) && monthOf(i.issueDate!) === month).map((i) => i.total), c),
      paid: sum(payments.filter((p) => p.currency === c && monthOf(p.paidAt) === month).map(netPaid), c),
    }));
  }
  return {
    outstanding: totalsByCurrency(open, (i) => i.currency, (i) => i.amountDue),
    overdue: totalsByCurrency(invoices.filter(isOverdue), (i) => i.currency, (i) => i.amountDue),
    paidThisMonth: totalsByCurrency(payments.filter((p) => monthOf(p.paidAt) === thisMonth), (p) => p.currency, netPaid),
    aging,
    months,
    monthly,
  };
}

/** The invoices behind a figure of the home screen. */
export function invoicesFor(preset: Preset, invoices: Invoice[], payments: Payment[], today: string): Invoice[] {
  switch (preset.kind) {
    case 'outstanding':
      return invoices.filter(isOutstanding);
    case 'overdue':
      return invoices.filter(isOverdue);
    case 'aging':
      return invoices.filter((i) => isOutstanding(i) && agingBucket(i, today) === preset.bucket);
    case 'invoiced':
      return invoices.filter((i) => isIssued(i) && monthOf(i.issueDate!) === preset.month);
    case 'paid-this-month':
    case 'paid': {
      const month = preset.kind === 'paid' ? preset.month : monthOf(today);
      const ids = new Set(payments.filter((p) => monthOf(p.paidAt) === month).map((p) => p.invoiceId));
      return invoices.filter((i) => ids.has(i.id));
    }
  }
}

export function presetFromParams(params: URLSearchParams): Preset | null {
  const view = params.get('view');
  if (view === 'outstanding' || view === 'overdue' || view === 'paid-this-month') return { kind: view };
  const bucket = params.get('aging');
  if (bucket && (AGING_BUCKETS as string[]).includes(bucket)) return { kind: 'aging', bucket: bucket as AgingBucket };
  const invoiced = params.get('invoicedIn');
  if (invoiced && /^\d{4}-\d{2}$/.test(invoiced)) return { kind: 'invoiced', month: invoiced };
  const paid = params.get('paidIn');
  if (paid && /^\d{4}-\d{2}$/.test(paid)) return { kind: 'paid', month: paid };
  return null;
}

export function presetLink(preset: Preset): string {
  switch (preset.kind) {
    case 'outstanding':
    case 'overdue':
    case 'paid-this-month':
      return `/invoices?view=${preset.kind}`;
    case 'aging':
      return `/invoices?aging=${preset.bucket}`;
    case 'invoiced':
      return `/invoices?invoicedIn=${preset.month}`;
    case 'paid':
      return `/invoices?paidIn=${preset.month}`;
  }
}

export function presetLabel(preset: Preset): string {
  switch (preset.kind) {
    case 'outstanding':
      return 'Outstanding invoices';
    case 'overdue':
      return 'Overdue invoices';
    case 'paid-this-month':
      return 'Invoices paid this month';
    case 'aging':
      return preset.bucket === 'current' ? 'Open invoices not yet due' : `Open invoices ${preset.bucket} days past due`;
    case 'invoiced':
      return `Invoices issued in ${preset.month}`;
    case 'paid':
      return `Invoices with payments in ${preset.month}`;
  }
}
