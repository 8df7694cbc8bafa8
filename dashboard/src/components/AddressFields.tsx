import type { Address } from '../api/types';
import { TextField } from './ui';

export const EMPTY_ADDRESS: Address = { line1: '', line2: '', city: '', region: '', postalCode: '', country: '' };

/** Address inputs; server errors arrive as "<prefix>.line1" etc. and show beside their input. */
export function AddressFields({ value, onChange, errors, prefix, legend }: {
  value: Address; onChange: (a: Address) => void; errors: Record<string, string>; prefix: string; legend: string;
}) {
  const set = (k: keyof Address) => (e: { target: { value: string } }) => onChange({ ...value, [k]: k === 'country' ? e.target.value.toUpperCase() : e.target.value });
  const err = (k: string) => errors[`${prefix}.${k}`] ?? (k === 'line1' ? errors[prefix] : undefined);
  return (
    <fieldset className="address">
      <legend>{legend}</legend>
      <div className="form-grid">
        <TextField className="wide" label="Address line 1" autoComplete="address-line1" value={value.line1} onChange={set('line1')} error={err('line1')} />
        <TextField className="wide" label="Address line 2" autoComplete="address-line2" value={value.line2 ?? ''} onChange={set('line2')} error={err('line2')} />
        <TextField label="City" autoComplete="address-level2" value={value.city} onChange={set('city')} error={err('city')} />
        <TextField label="Region" autoComplete="address-level1" value={value.region ?? ''} onChange={set('region')} error={err('region')} />
        <TextField label="Postal code" autoComplete="postal-code" value={value.postalCode} onChange={set('postalCode')} error={err('postalCode')} />
        <TextField label="Country" autoComplete="country" maxLength={2} value={value.country} onChange={set('country')} error={err('country')} hint="Two letters, e.g. DE" />
      </div>
    </fieldset>
  );
}

/** The address to send: none when every input is empty, optional parts left out when blank. */
export function addressToApi(a: Address): Address | null {
  if (!a.line1 && !a.city && !a.postalCode && !a.country && !a.line2 && !a.region) return null;
  const out: Address = { line1: a.line1, city: a.city, postalCode: a.postalCode, country: a.country };
  if (a.line2) out.line2 = a.line2;
  if (a.region) out.region = a.region;
  return out;
}
