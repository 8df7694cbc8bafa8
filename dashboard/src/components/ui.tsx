import { useEffect, useId, useRef, type ReactNode, type InputHTMLAttributes, type SelectHTMLAttributes, type TextareaHTMLAttributes } from 'react';
import { ApiError } from '../api/client';
import type { InvoiceStatus } from '../api/types';
import { formatMoney } from '../lib/money';

/** The page's heading; focused after navigation so screen readers and keyboard users start at the top. */
export function PageTitle({ children, actions }: { children: ReactNode; actions?: ReactNode }) {
  const ref = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    ref.current?.focus({ preventScroll: true });
  }, []);
  return (
    <div className="page-title">
      <h1 tabIndex={-1} ref={ref}>{children}</h1>
      {actions && <div className="page-actions">{actions}</div>}
    </div>
  );
}

interface FieldShell {
  label: string;
  error?: string;
  hint?: string;
  className?: string;
}

function Shell({ id, label, error, hint, className, children }: FieldShell & { id: string; children: ReactNode }) {
  return (
    <div className={`field ${className ?? ''} ${error ? 'has-error' : ''}`}>
      <label htmlFor={id}>{label}</label>
      {children}
      {hint && !error && <span className="hint" id={`${id}-hint`}>{hint}</span>}
      {error && <span className="field-error" id={`${id}-error`} role="alert">{error}</span>}
    </div>
  );
}

function described(id: string, error?: string, hint?: string) {
  return error ? `${id}-error` : hint ? `${id}-hint` : undefined;
}

export function TextField({ label, error, hint, className, ...input }: FieldShell & InputHTMLAttributes<HTMLInputElement>) {
  const id = useId();
  return (
    <Shell id={id} label={label} error={error} hint={hint} className={className}>
      <input id={id} aria-invalid={error ? true : undefined} aria-describedby={described(id, error, hint)} {...input} />
    </Shell>
  );
}

export function SelectField({ label, error, hint, className, children, ...select }: FieldShell & SelectHTMLAttributes<HTMLSelectElement>) {
  const id = useId();
  return (
    <Shell id={id} label={label} error={error} hint={hint} className={className}>
      <select id={id} aria-invalid={error ? true : undefined} aria-describedby={described(id, error, hint)} {...select}>
        {children}
      </select>
    </Shell>
  );
}

export function TextArea({ label, error, hint, className, ...area }: FieldShell & TextareaHTMLAttributes<HTMLTextAreaElement>) {
  const id = useId();
  return (
    <Shell id={id} label={label} error={error} hint={hint} className={className}>
      <textarea id={id} aria-invalid={error ? true : undefined} aria-describedby={described(id, error, hint)} {...area} />
    </Shell>
  );
}

/** A request's failure: the problem's detail, unless every message is already shown beside its field. */
export function ErrorBanner({ error, shownFields = [] }: { error: unknown; shownFields?: string[] }) {
  if (!error) return null;
  if (error instanceof ApiError) {
    const unshown = Object.keys(error.fieldErrors).filter((f) => !shownFields.includes(f));
    const fieldsOnly = Object.keys(error.fieldErrors).length > 0 && unshown.length === 0;
    return (
      <div className="banner banner-error" role="alert">
        {fieldsOnly ? 'Please correct the highlighted fields.' : error.message}
        {unshown.length > 0 && (
          <ul>{unshown.map((f) => <li key={f}>{f}: {error.fieldErrors[f]}</li>)}</ul>
        )}
      </div>
    );
  }
  return <div className="banner banner-error" role="alert">{(error as Error).message ?? String(error)}</div>;
}

export function Notice({ children }: { children: ReactNode }) {
  return <div className="banner banner-info" role="status">{children}</div>;
}

export function Money({ amount, currency }: { amount: string | null | undefined; currency: string }) {
  if (amount === null || amount === undefined) return <span>—</span>;
  return <span className="money">{formatMoney(amount, currency)}</span>;
}

const STATUS_LABEL: Record<InvoiceStatus, string> = {
  draft: 'Draft', open: 'Open', overdue: 'Overdue', paid: 'Paid', void: 'Void', uncollectible: 'Uncollectible',
};

export function StatusBadge({ status }: { status: string }) {
  const label = STATUS_LABEL[status as InvoiceStatus] ?? status.charAt(0).toUpperCase() + status.slice(1);
  return <span className={`badge badge-${status}`}><span className="visually-hidden">Status: </span>{label}</span>;
}

export function Loading() {
  return <p className="muted" role="status">Loading…</p>;
}

export function Card({ title, children, className, headingLevel = 2 }: { title?: ReactNode; children: ReactNode; className?: string; headingLevel?: 2 | 3 }) {
  const H = headingLevel === 2 ? 'h2' : 'h3';
  return (
    <section className={`card ${className ?? ''}`}>
      {title && <H className="card-title">{title}</H>}
      {children}
    </section>
  );
}

export function fieldErrorsOf(error: unknown): Record<string, string> {
  return error instanceof ApiError ? error.fieldErrors : {};
}
