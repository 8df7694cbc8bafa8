// Form state of the invoice editor and the checks made before the server sees a request; the server's
// problem+json field names (e.g. "lineItems[1].quantity") are mapped back onto the form's fields.
import type { LineItemInput } from '../api/endpoints';
import type { LineItem, LineKind, Unit } from '../api/types';
import { computeTotals, decimalPlaces, minorDigits, parseDecimal, type Totals } from './money';

export interface LineDraft {
  key: string;
  id?: string;
  kind: LineKind;
  description: string;
  quantity: string;
  unit: Unit | '';
  unitPrice: string;
  taxRatePercent: string;
  reference: string;
  periodStart: string;
  periodEnd: string;
}

let counter = 0;
export function newLine(kind: LineKind, defaults: Partial<LineDraft> = {}): LineDraft {
  counter += 1;
  return {
    key: `line-${counter}`,
    kind,
    description: '',
    quantity: kind === 'service' ? '' : '1',
    unit: kind === 'service' ? 'hour' : 'item',
    unitPrice: '',
    taxRatePercent: '',
    reference: '',
    periodStart: '',
    periodEnd: '',
    ...defaults,
  };
}

export function lineFromApi(line: LineItem): LineDraft {
  return newLine(line.kind, {
    id: line.id,
    description: line.description,
    quantity: line.quantity,
    unit: line.unit ?? '',
    unitPrice: line.unitPrice,
    taxRatePercent: line.taxRatePercent ?? '',
    reference: line.reference ?? '',
    periodStart: line.period?.start ?? '',
    periodEnd: line.period?.end ?? '',
  });
}

/** Accepts the user's decimal comma ("12,5") as well as a point. */
export function normaliseDecimalInput(text: string): string {
  return text.trim().replace(/\s/g, '').replace(',', '.');
}

export function lineToApi(line: LineDraft): LineItemInput {
  const out: LineItemInput = {
    description: line.description.trim(),
    kind: line.kind,
    quantity: normaliseDecimalInput(line.quantity),
    unitPrice: normaliseDecimalInput(line.unitPrice),
  };
  if (line.unit) out.unit = line.unit;
  if (line.taxRatePercent.trim()) out.taxRatePercent = normaliseDecimalInput(line.taxRatePercent);
  if (line.reference.trim()) out.reference = line.reference.trim();
  if (line.periodStart && line.periodEnd) out.period = { start: line.periodStart, end: line.periodEnd };
  return out;
}

export type FieldErrors = Record<string, string>;

/** The same rules the server applies (docs/api-reference.md §2, §5), so most mistakes are shown before a round trip. */
export function validateLine(line: LineDraft, currency: string, index: number): FieldErrors {
  const errors: FieldErrors = {};
  const at = (f: string) => `lineItems[${index}].${f}`;
  const description = line.description.trim();
  if (!description) errors[at('description')] = 'Enter a description.';
  else if (description.length > 500) errors[at('description')] = 'At most 500 characters.';
  const q = parseDecimal(normaliseDecimalInput(line.quantity));
  if (!q) errors[at('quantity')] = 'Enter a number, e.g. 12.5.';
  else if (q.units <= 0n) errors[at('quantity')] = 'Must be greater than 0.';
  else if (decimalPlaces(normaliseDecimalInput(line.quantity)) > 4) errors[at('quantity')] = 'At most 4 decimals.';
  const p = parseDecimal(normaliseDecimalInput(line.unitPrice));
  if (!p) errors[at('unitPrice')] = 'Enter an amount, e.g. 95.00.';
  else if (p.units < 0n) errors[at('unitPrice')] = 'Must not be negative.';
  else if (decimalPlaces(normaliseDecimalInput(line.unitPrice)) > minorDigits(currency))
    errors[at('unitPrice')] = `At most ${minorDigits(currency)} decimals for ${currency}.`;
  const rate = normaliseDecimalInput(line.taxRatePercent);
  if (rate) {
    const r = parseDecimal(rate);
    if (!r || r.units < 0n || Number(rate) > 100) errors[at('taxRatePercent')] = 'A percentage from 0 to 100.';
    else if (decimalPlaces(rate) > 4) errors[at('taxRatePercent')] = 'At most 4 decimals.';
  }
  if (line.reference.length > 100) errors[at('reference')] = 'At most 100 characters.';
  if ((line.periodStart && !line.periodEnd) || (!line.periodStart && line.periodEnd))
    errors[at('period')] = 'Give both the start and the end, or neither.';
  else if (line.periodStart && line.periodEnd && line.periodEnd < line.periodStart)
    errors[at('period')] = 'The end must not be before the start.';
  return errors;
}

export function validateLines(lines: LineDraft[], currency: string): FieldErrors {
  return lines.reduce<FieldErrors>((acc, line, i) => ({ ...acc, ...validateLine(line, currency, i) }), {});
}

/** Live totals as the server will compute them, from whatever is typed so far. */
export function draftTotals(lines: LineDraft[], currency: string): Totals {
  return computeTotals(
    lines.map((l) => ({
      quantity: normaliseDecimalInput(l.quantity),
      unitPrice: normaliseDecimalInput(l.unitPrice),
      taxRatePercent: normaliseDecimalInput(l.taxRatePercent),
    })),
    currency,
  );
}

/**
 * A server field name for a line (which may say "lineItems[2].quantity" or, for a single line request,
 * "quantity") re-keyed to the form's "lineItems[i].quantity".
 */
export function mapLineFieldErrors(errors: FieldErrors, index: number): FieldErrors {
  const out: FieldErrors = {};
  for (const [field, message] of Object.entries(errors)) {
    const m = /^lineItems\[\d+\]\.(.+)$/.exec(field);
    const inner = m ? m[1]! : field;
    out[`lineItems[${index}].${inner.replace(/^period\..*/, 'period')}`] = message;
  }
  return out;
}

export function passwordProblem(password: string): string | null {
  if (password.length < 12) return 'At least 12 characters.';
  return null;
}
