// Exact decimal arithmetic for money, mirroring the server (docs/api-reference.md §2, §5): amounts are decimal strings with the
// currency's minor digits; every line amount is rounded half-up; tax is computed per rate on the summed base.
// BigInt scaled integers only: no binary floating point ever touches an amount.

/** A decimal as an integer of units of 10^-scale. */
export interface Dec {
  units: bigint;
  scale: number;
}

const DECIMAL = /^([+-])?(\d+)(?:\.(\d+))?$/;

export function parseDecimal(text: string | number): Dec | null {
  const s = String(text).trim();
  const m = DECIMAL.exec(s);
  if (!m) return null;
  const frac = m[3] ?? '';
  const units = BigInt((m[2] ?? '0') + frac) * (m[1] === '-' ? -1n : 1n);
  return { units, scale: frac.length };
}

export function decimalPlaces(text: string): number {
  const d = parseDecimal(text);
  return d ? d.scale : 0;
}

function pow10(n: number): bigint {
  return 10n ** BigInt(n);
}

/** Rescale to `scale` digits, rounding half-up (away from zero at .5, like Java's RoundingMode.HALF_UP). */
export function rescale(d: Dec, scale: number): Dec {
  if (scale >= d.scale) return { units: d.units * pow10(scale - d.scale), scale };
  const divisor = pow10(d.scale - scale);
  const negative = d.units < 0n;
  const abs = negative ? -d.units : d.units;
  let q = abs / divisor;
  const r = abs % divisor;
  if (r * 2n >= divisor) q += 1n;
  return { units: negative ? -q : q, scale };
}

export function add(a: Dec, b: Dec): Dec {
  const scale = Math.max(a.scale, b.scale);
  return { units: rescale(a, scale).units + rescale(b, scale).units, scale };
}

export function subtract(a: Dec, b: Dec): Dec {
  return add(a, { units: -b.units, scale: b.scale });
}

export function multiply(a: Dec, b: Dec): Dec {
  return { units: a.units * b.units, scale: a.scale + b.scale };
}

export function compare(a: Dec, b: Dec): number {
  const d = subtract(a, b).units;
  return d === 0n ? 0 : d < 0n ? -1 : 1;
}

export function toPlain(d: Dec): string {
  const negative = d.units < 0n;
  let digits = (negative ? -d.units : d.units).toString();
  if (d.scale > 0) {
    digits = digits.padStart(d.scale + 1, '0');
    digits = digits.slice(0, digits.length - d.scale) + '.' + digits.slice(digits.length - d.scale);
  }
  return (negative ? '-' : '') + digits;
}

export const ZERO: Dec = { units: 0n, scale: 0 };

/** ISO 4217 minor digits, as the browser's Intl knows them (USD 2, JPY 0, BHD 3). */
export function minorDigits(currency: string): number {
  try {
    return new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
  } catch {
    return 2;
  }
}

export function isCurrencyCode(code: string): boolean {
  if (!/^[A-Z]{3}$/.test(code)) return false;
  try {
    return (Intl as unknown as { supportedValuesOf?: (k: string) => string[] }).supportedValuesOf?.('currency')
      ?.includes(code) ?? true;
  } catch {
    return true;
  }
}

/** round(quantity × unitPrice) to the currency's minor unit, half-up; null when an input is not a number. */
export function lineAmount(quantity: string, unitPrice: string, currency: string): string | null {
  const q = parseDecimal(quantity);
  const p = parseDecimal(unitPrice);
  if (!q || !p) return null;
  return toPlain(rescale(multiply(q, p), minorDigits(currency)));
}

export interface TaxLine {
  ratePercent: string;
  base: string;
  tax: string;
}

export interface Totals {
  subtotal: string;
  taxBreakdown: TaxLine[];
  taxTotal: string;
  total: string;
}

export interface LineLike {
  quantity: string;
  unitPrice: string;
  taxRatePercent?: string | null;
}

/** Normalised rate text so "19", "19.0" and "19.00" share one breakdown row, as BigDecimal's compareTo would. */
function rateKey(rate: string): string {
  const d = parseDecimal(rate);
  if (!d) return rate;
  let s = toPlain(d);
  if (s.includes('.')) s = s.replace(/0+$/, '').replace(/\.$/, '');
  return s;
}

/**
 * The invoice totals exactly as the server computes them: each line rounded half-up; tax per distinct rate on the
 * sum of that rate's line amounts, rounded half-up; lines without a rate are untaxed (no breakdown row).
 * Lines whose inputs are not numbers yet are skipped (the form shows them as incomplete).
 */
export function computeTotals(lines: LineLike[], currency: string, lateFees = '0'): Totals {
  const digits = minorDigits(currency);
  let subtotal: Dec = { units: 0n, scale: digits };
  const bases = new Map<string, Dec>();
  for (const line of lines) {
    const amount = lineAmount(line.quantity, line.unitPrice, currency);
    if (amount === null) continue;
    const a = parseDecimal(amount)!;
    subtotal = add(subtotal, a);
    const rate = line.taxRatePercent?.trim();
    if (rate && parseDecimal(rate)) {
      const key = rateKey(rate);
      bases.set(key, add(bases.get(key) ?? { units: 0n, scale: digits }, a));
    }
  }
  const taxBreakdown: TaxLine[] = [];
  let taxTotal: Dec = { units: 0n, scale: digits };
  const rates = [...bases.keys()].sort((x, y) => compare(parseDecimal(x)!, parseDecimal(y)!));
  for (const rate of rates) {
    const base = rescale(bases.get(rate)!, digits);
    // base × rate / 100, then half-up to the minor unit
    const raw = multiply(base, parseDecimal(rate)!);
    const tax = rescale({ units: raw.units, scale: raw.scale + 2 }, digits);
    taxTotal = add(taxTotal, tax);
    taxBreakdown.push({ ratePercent: rate, base: toPlain(base), tax: toPlain(tax) });
  }
  const fees = parseDecimal(lateFees) ?? ZERO;
  const total = rescale(add(add(subtotal, taxTotal), fees), digits);
  return {
    subtotal: toPlain(rescale(subtotal, digits)),
    taxBreakdown,
    taxTotal: toPlain(rescale(taxTotal, digits)),
    total: toPlain(total),
  };
}

/** Sums decimal strings exactly, to the currency's minor digits. */
export function sum(amounts: string[], currency: string): string {
  let s: Dec = { units: 0n, scale: minorDigits(currency) };
  for (const a of amounts) {
    const d = parseDecimal(a);
    if (d) s = add(s, d);
  }
  return toPlain(rescale(s, minorDigits(currency)));
}

/** Money in the user's locale; the exact decimal string goes to Intl (no float rounding of the value). */
export function formatMoney(amount: string, currency: string, locale?: string): string {
  const fmt = new Intl.NumberFormat(locale, { style: 'currency', currency });
  // Intl.NumberFormat accepts decimal strings exactly (ECMA-402 "format a string"); the cast keeps older typings happy
  return fmt.format(amount as unknown as number);
}

export function formatNumber(value: string, locale?: string): string {
  return new Intl.NumberFormat(locale, { maximumFractionDigits: 4 }).format(value as unknown as number);
}

/** A fraction in [0, 1] of part/whole for chart geometry only (never for amounts shown). */
export function ratio(part: string, whole: string): number {
  const p = parseDecimal(part);
  const w = parseDecimal(whole);
  if (!p || !w || w.units === 0n) return 0;
  const scale = Math.max(p.scale, w.scale);
  const pu = rescale(p, scale).units;
  const wu = rescale(w, scale).units;
  return Number((pu * 10000n) / wu) / 10000;
}
