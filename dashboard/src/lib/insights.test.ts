import { describe, expect, it } from 'vitest';
import type { Invoice, Payment } from '../api/types';
import { agingBucket, computeInsights, invoicesFor, lastMonths, presetFromParams } from './insights';

function inv(p: Partial<Invoice>): Invoice {
  return {
    id: 'inv_x', number: '2026-001', status: 'open', customerId: 'cus_1', currency: 'USD', lineItems: [], subtotal: '0',
    taxBreakdown: [], taxTotal: '0', lateFees: '0', total: '0', amountPaid: '0', amountDue: '0', issueDate: '2026-11-01',
    dueDate: '2026-11-15', paidAt: null, voidedAt: null, version: 1, createdAt: '', updatedAt: '', ...p,
  };
}

function pay(p: Partial<Payment>): Payment {
  return { id: 'pay_x', invoiceId: 'inv_x', amount: '0', currency: 'USD', method: 'card', status: 'succeeded',
    paidAt: '2026-12-02T10:00:00Z', refundedAmount: '0', createdAt: '', ...p };
}

describe('home figures', () => {
  const today = '2026-12-03';
  const invoices = [
    inv({ id: 'a', status: 'open', dueDate: '2026-12-10', amountDue: '100.10', total: '100.10', issueDate: '2026-11-26' }),
    inv({ id: 'b', status: 'overdue', dueDate: '2026-11-20', amountDue: '50.05', total: '60.05', amountPaid: '10.00' }),
    inv({ id: 'c', status: 'overdue', dueDate: '2026-09-01', amountDue: '0.01', total: '0.01', issueDate: '2026-08-18' }),
    inv({ id: 'd', status: 'paid', amountDue: '0', total: '200.00', issueDate: '2026-12-01' }),
    inv({ id: 'e', status: 'draft', issueDate: null, amountDue: '999', total: '999' }),
    inv({ id: 'f', status: 'open', currency: 'EUR', dueDate: '2026-11-30', amountDue: '19.99', total: '19.99' }),
  ];
  const payments = [
    pay({ invoiceId: 'd', amount: '200.00', paidAt: '2026-12-02T08:00:00Z' }),
    pay({ invoiceId: 'b', amount: '10.00', paidAt: '2026-11-25T08:00:00Z' }),
    pay({ invoiceId: 'd', amount: '5.00', refundedAmount: '5.00', paidAt: '2026-12-01T08:00:00Z' }),
  ];

  it('puts open invoices into aging buckets by days past due', () => {
    expect(agingBucket(invoices[0]!, today)).toBe('current');
    expect(agingBucket(invoices[1]!, today)).toBe('1-30');
    expect(agingBucket(inv({ dueDate: '2026-11-03' }), today)).toBe('1-30');
    expect(agingBucket(inv({ dueDate: '2026-11-02' }), today)).toBe('31-60');
    expect(agingBucket(invoices[2]!, today)).toBe('60+');
  });

  it('sums outstanding, overdue, paid this month and aging per currency to the cent', () => {
    const x = computeInsights(invoices, payments, today);
    expect(x.outstanding).toEqual({ EUR: '19.99', USD: '150.16' });
    expect(x.overdue).toEqual({ USD: '50.06' });
    expect(x.paidThisMonth).toEqual({ USD: '200.00' });
    expect(x.aging.USD).toEqual({ current: '100.10', '1-30': '50.05', '31-60': '0.00', '60+': '0.01' });
    expect(x.aging.EUR).toEqual({ current: '0.00', '1-30': '19.99', '31-60': '0.00', '60+': '0.00' });
    expect(x.months).toEqual(['2026-07', '2026-08', '2026-09', '2026-10', '2026-11', '2026-12']);
    const usd = Object.fromEntries(x.monthly.USD!.map((m) => [m.month, m]));
    expect(usd['2026-11']).toEqual({ month: '2026-11', invoiced: '160.15', paid: '10.00' });
    expect(usd['2026-12']).toEqual({ month: '2026-12', invoiced: '200.00', paid: '200.00' });
    expect(usd['2026-08']!.invoiced).toBe('0.01');
  });

  it('lists exactly the invoices behind each figure', () => {
    const ids = (p: Parameters<typeof invoicesFor>[0]) => invoicesFor(p, invoices, payments, today).map((i) => i.id);
    expect(ids({ kind: 'outstanding' })).toEqual(['a', 'b', 'c', 'f']);
    expect(ids({ kind: 'overdue' })).toEqual(['b', 'c']);
    expect(ids({ kind: 'paid-this-month' })).toEqual(['d']);
    expect(ids({ kind: 'aging', bucket: '60+' })).toEqual(['c']);
    expect(ids({ kind: 'invoiced', month: '2026-11' })).toEqual(['a', 'b', 'f']);
    expect(ids({ kind: 'paid', month: '2026-11' })).toEqual(['b']);
  });

  it('reads the figure from the link', () => {
    expect(presetFromParams(new URLSearchParams('aging=31-60'))).toEqual({ kind: 'aging', bucket: '31-60' });
    expect(presetFromParams(new URLSearchParams('view=overdue'))).toEqual({ kind: 'overdue' });
    expect(presetFromParams(new URLSearchParams('aging=bogus'))).toBeNull();
    expect(lastMonths('2026-01-31', 3)).toEqual(['2025-11', '2025-12', '2026-01']);
  });
});
