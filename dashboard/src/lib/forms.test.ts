import { describe, expect, it } from 'vitest';
import { draftTotals, lineToApi, mapLineFieldErrors, newLine, normaliseDecimalInput, validateLine, validateLines } from './forms';

describe('invoice form', () => {
  it('turns a draft line into the API line shape, leaving out empty optionals', () => {
    const line = newLine('service', { description: ' Backend work ', quantity: '12,5', unitPrice: '95.00', reference: 'Feature #12' });
    expect(lineToApi(line)).toEqual({
      description: 'Backend work', kind: 'service', quantity: '12.5', unit: 'hour', unitPrice: '95.00', reference: 'Feature #12',
    });
    const expense = newLine('expense', { description: 'Hosting', unitPrice: '49.99', taxRatePercent: '19', periodStart: '2026-11-01', periodEnd: '2026-11-30' });
    expect(lineToApi(expense)).toEqual({
      description: 'Hosting', kind: 'expense', quantity: '1', unit: 'item', unitPrice: '49.99', taxRatePercent: '19',
      period: { start: '2026-11-01', end: '2026-11-30' },
    });
  });

  it('accepts a decimal comma', () => {
    expect(normaliseDecimalInput(' 1 234,5 ')).toBe('1234.5');
  });

  it('checks lines the way the server does', () => {
    const ok = newLine('service', { description: 'Work', quantity: '1.25', unitPrice: '100.00' });
    expect(validateLine(ok, 'USD', 0)).toEqual({});
    const bad = newLine('service', { description: '', quantity: '0', unitPrice: '1.001', taxRatePercent: '101', periodStart: '2026-11-02' });
    expect(validateLine(bad, 'USD', 3)).toEqual({
      'lineItems[3].description': 'Enter a description.',
      'lineItems[3].quantity': 'Must be greater than 0.',
      'lineItems[3].unitPrice': 'At most 2 decimals for USD.',
      'lineItems[3].taxRatePercent': 'A percentage from 0 to 100.',
      'lineItems[3].period': 'Give both the start and the end, or neither.',
    });
    expect(validateLine(newLine('expense', { description: 'x', unitPrice: '100.5' }), 'JPY', 0)).toEqual({
      'lineItems[0].unitPrice': 'At most 0 decimals for JPY.',
    });
    expect(validateLine(newLine('service', { description: 'x', quantity: '1.00001', unitPrice: '1' }), 'USD', 0))
      .toEqual({ 'lineItems[0].quantity': 'At most 4 decimals.' });
    expect(Object.keys(validateLines([ok, bad], 'USD'))).toContain('lineItems[1].quantity');
  });

  it('updates totals from what is typed so far, with the server rounding', () => {
    const lines = [
      newLine('service', { description: 'a', quantity: '12.5', unitPrice: '95.00', taxRatePercent: '19' }),
      newLine('service', { description: 'b', quantity: '3', unitPrice: '120', taxRatePercent: '19' }),
      newLine('expense', { description: 'c', quantity: '1', unitPrice: '49.99' }),
      newLine('service', { description: 'typing', quantity: '2', unitPrice: '' }),
    ];
    const t = draftTotals(lines, 'USD');
    expect(t.subtotal).toBe('1597.49');
    expect(t.taxBreakdown).toEqual([{ ratePercent: '19', base: '1547.50', tax: '294.03' }]);
    expect(t.total).toBe('1891.52');
  });

  it('maps the server field names of a line onto the form', () => {
    expect(mapLineFieldErrors({ quantity: 'must be > 0', 'period.end': 'bad' }, 2)).toEqual({
      'lineItems[2].quantity': 'must be > 0',
      'lineItems[2].period': 'bad',
    });
    expect(mapLineFieldErrors({ 'lineItems[0].unitPrice': 'too many digits' }, 1)).toEqual({
      'lineItems[1].unitPrice': 'too many digits',
    });
  });
});
