import { useState, type FormEvent, type ReactNode } from 'react';
import { ErrorBanner } from './ui';

/**
 * A button that opens a small form in place (no modal to trap focus in): the form's first field takes focus,
 * Escape or Cancel closes it, and problem+json errors appear beside the fields the form renders.
 */
export function Action({ label, submitLabel, children, onSubmit, fields = [], variant = 'secondary', onDone }: {
  label: string;
  submitLabel: string;
  children: (error: unknown) => ReactNode;
  onSubmit: () => Promise<unknown>;
  fields?: string[];
  variant?: 'primary' | 'secondary' | 'danger';
  onDone?: () => void;
}) {
  const [open, setOpen] = useState(false);
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      await onSubmit();
      setOpen(false);
      onDone?.();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }

  if (!open) {
    return <button type="button" className={`button-${variant}`} aria-expanded="false" onClick={() => setOpen(true)}>{label}</button>;
  }
  return (
    <form className="action-form card" aria-label={label} onSubmit={submit} noValidate
      onKeyDown={(e) => { if (e.key === 'Escape') setOpen(false); }}
      ref={(el) => { if (el && !el.contains(document.activeElement)) (el.querySelector('input, select, textarea') as HTMLElement | null)?.focus(); }}>
      <h3>{label}</h3>
      <ErrorBanner error={error} shownFields={fields} />
      {children(error)}
      <div className="form-actions">
        <button type="submit" className={`button-${variant === 'secondary' ? 'primary' : variant}`} disabled={busy}>{submitLabel}</button>
        <button type="button" className="button-quiet" onClick={() => setOpen(false)}>Cancel</button>
      </div>
    </form>
  );
}
