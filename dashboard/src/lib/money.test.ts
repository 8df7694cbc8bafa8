import { describe, expect, it } from 'vitest';
import { computeTotals, formatMoney, lineAmount, minorDigits, parseDecimal, rescale, sum, toPlain } from './money';

describe('money', () => {
  it('parses decimals exactly', () => {
    expect(parseDecimal('1625.00')).toEqual({ units: 162500n, scale: 2 });
    expect(parseDecimal('-0.5')).toEqual({ units: -5n, scale: 1 });
    expect(parseDecimal('12.5.1')).toBeNull();
    expect(parseDecimal('abc')).toBeNull();
  });

  it('rounds half-up, away from zero, like BigDecimal HALF_UP', () => {
    expect(toPlain(rescale(parseDecimal('0.125')!, 2))).toBe('0.13');
    expect(toPlain(rescale(parseDecimal('0.124')!, 2))).toBe('0.12');
    expect(toPlain(rescale(parseDecimal('-0.125')!, 2))).toBe('-0.13');
    expect(toPlain(rescale(parseDecimal('2.5')!, 0))).toBe('3');
  });

  it('knows the minor digits of currencies', () => {
    expect(minorDigits('USD')).toBe(2);
    expect(minorDigits('JPY')).toBe(0);
    expect(minorDigits('BHD')).toBe(3);
  });

  it('computes a line amount as round(quantity × unitPrice)', () => {
    expect(lineAmount('12.5', '95.00', 'USD')).toBe('1187.50');
    expect(lineAmount('0.3333', '100', 'USD')).toBe('33.33');
    expect(lineAmount('1.005', '1', 'USD')).toBe('1.01');
    expect(lineAmount('3', '333', 'JPY')).toBe('999');
    expect(lineAmount('1.5', '0.333', 'JPY')).toBe('0');
    expect(lineAmount('x', '1', 'USD')).toBeNull();
  });

  it('taxes each rate on its summed base, then rounds (not per line)', () => {
    // per line: 0.33 × 19% = 0.0627 → 0.06, three times = 0.18; on the summed base 0.99 × 19% = 0.1881 → 0.19
    const totals = computeTotals(
      [
        { quantity: '1', unitPrice: '0.33', taxRatePercent: '19' },
        { quantity: '1', unitPrice: '0.33', taxRatePercent: '19.00' },
        { quantity: '1', unitPrice: '0.33', taxRatePercent: '19' },
        { quantity: '2', unitPrice: '10.00', taxRatePercent: '7' },
        { quantity: '1', unitPrice: '5.00' },
      ],
      'EUR',
    );
    expect(totals.subtotal).toBe('25.99');
    expect(totals.taxBreakdown).toEqual([
      { ratePercent: '7', base: '20.00', tax: '1.40' },
      { ratePercent: '19', base: '0.99', tax: '0.19' },
    ]);
    expect(totals.taxTotal).toBe('1.59');
    expect(totals.total).toBe('27.58');
  });

  it('ignores lines still being typed and adds late fees to the total', () => {
    const totals = computeTotals([{ quantity: '', unitPrice: '5' }, { quantity: '2', unitPrice: '1.25' }], 'USD', '1.00');
    expect(totals.subtotal).toBe('2.50');
    expect(totals.total).toBe('3.50');
  });

  it('sums amounts exactly where floats would drift', () => {
    expect(sum(['0.10', '0.20'], 'USD')).toBe('0.30');
    expect(sum(Array(10).fill('0.10'), 'USD')).toBe('1.00');
    expect(sum(['99999999999999.99', '0.01'], 'USD')).toBe('100000000000000.00');
  });

  it('formats money in the given locale without losing cents', () => {
    expect(formatMoney('1234.5', 'USD', 'en-US')).toBe('$1,234.50');
    expect(formatMoney('1234.56', 'EUR', 'de-DE')).toBe('1.234,56\u00a0€');
    expect(formatMoney('99999999999999.99', 'USD', 'en-US')).toBe('$99,999,999,999,999.99');
  });
});
