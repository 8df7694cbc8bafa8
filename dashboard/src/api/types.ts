// The REST resources of docs/api-reference.md §3–§13 as the dashboard reads them (camelCase JSON, money as decimal strings).

export type Role = 'admin' | 'viewer';
export type InvoiceStatus = 'draft' | 'open' | 'overdue' | 'paid' | 'void' | 'uncollectible';
export type LineKind = 'service' | 'expense';
export type Unit = 'hour' | 'day' | 'item' | 'month';

export interface Page<T> {
  data: T[];
  nextCursor: string | null;
}

export interface User {
  id: string;
  username: string;
  email: string;
  role: Role;
  createdAt: string;
}

export interface Session {
  tenantId: string;
  organizationName: string;
  user: User;
  csrfToken: string;
  expiresAt: string;
}

export interface Address {
  line1: string;
  line2?: string | null;
  city: string;
  region?: string | null;
  postalCode: string;
  country: string;
}

export interface Customer {
  id: string;
  name: string;
  email: string;
  address?: Address | null;
  taxId?: string | null;
  locale?: string | null;
  archived?: boolean;
  version: number;
  createdAt: string;
}

export interface Period {
  start: string;
  end: string;
}

export interface LineItem {
  id: string;
  description: string;
  kind: LineKind;
  quantity: string;
  unit?: Unit | null;
  unitPrice: string;
  taxRatePercent?: string | null;
  reference?: string | null;
  period?: Period | null;
  amount: string;
}

export interface Party {
  name?: string;
  email?: string;
}

export interface TaxBreakdownLine {
  ratePercent: string;
  base: string;
  tax: string;
}

export interface Invoice {
  id: string;
  number: string | null;
  status: InvoiceStatus;
  customerId: string;
  customer?: Party | null;
  currency: string;
  lineItems: LineItem[];
  subtotal: string;
  taxBreakdown: TaxBreakdownLine[];
  taxTotal: string;
  lateFees: string;
  total: string;
  amountPaid: string;
  amountDue: string;
  amountCredited?: string;
  issueDate: string | null;
  dueDate: string | null;
  paidAt: string | null;
  voidedAt: string | null;
  notes?: string | null;
  terms?: string | null;
  reference?: string | null;
  version: number;
  createdAt: string;
  updatedAt: string;
}

export interface HistoryEntry {
  sequence: number;
  type: string;
  occurredAt: string;
  actor: { type: string; id: string | null };
  data: unknown;
}

export interface Payment {
  id: string;
  invoiceId: string;
  amount: string;
  currency: string;
  method: string;
  status: string;
  paidAt: string;
  refundedAmount: string;
  reference?: string | null;
  createdAt: string;
}

export interface Settings {
  seller: { name: string; email: string; address?: Address | null; taxId?: string | null };
  defaultCurrency: string;
  paymentTermsDays: number;
  lateFeePercentPerMonth: string;
  numberFormat: string;
  defaultNotes?: string | null;
  defaultTerms?: string | null;
  locale?: string | null;
  [extra: string]: unknown;
}

export interface WebhookEndpoint {
  id: string;
  url: string;
  events: string[];
  status: string;
  description?: string | null;
  secret?: string;
  createdAt: string;
}

export interface WebhookMessage {
  id: string;
  eventId: string;
  type: string;
  status: 'pending' | 'delivered' | 'failed';
  attempts: number;
  nextAttemptAt: string | null;
  createdAt: string;
}

export interface WebhookAttempt {
  id: string;
  attemptedAt: string;
  responseStatus: number | null;
  latencyMs: number | null;
  responseBody: string | null;
  error: string | null;
}

export interface Notification {
  id: string;
  type: string;
  message: string;
  read: boolean;
  createdAt: string;
  data?: unknown;
}

export interface ApiKey {
  id: string;
  name: string;
  scope: 'read_write' | 'read_only';
  lastFour?: string;
  key?: string;
  createdAt: string;
  revokedAt?: string | null;
}

export interface RecurringSchedule {
  id: string;
  customerId: string;
  currency?: string;
  interval: 'week' | 'month' | 'quarter' | 'year';
  intervalCount: number;
  anchorDate: string;
  mode: 'issue' | 'draft';
  status: 'active' | 'paused' | 'completed' | 'cancelled';
  nextRunDate: string | null;
  runs: number;
  lastInvoiceId: string | null;
  lineItems: Omit<LineItem, 'id' | 'amount'>[];
  version: number;
  createdAt: string;
}

export interface CreditNote {
  id: string;
  number: string;
  invoiceId: string;
  total: string;
  reason: string;
  memo?: string | null;
  issueDate: string;
  createdAt: string;
}

export interface EmailRecord {
  id: string;
  kind: string;
  to: string[];
  subject: string;
  status: string;
  createdAt: string;
}
