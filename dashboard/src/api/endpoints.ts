// Typed calls for every REST endpoint the dashboard uses (docs/api-reference.md §3–§13).
import { api, query } from './client';
import type {
  ApiKey, Customer, CreditNote, EmailRecord, HistoryEntry, Invoice, InvoiceStatus, LineItem, Notification, Page,
  Payment, RecurringSchedule, Session, Settings, User, WebhookAttempt, WebhookEndpoint, WebhookMessage,
} from './types';

export type LineItemInput = Omit<LineItem, 'id' | 'amount'>;

export interface InvoiceInput {
  customerId?: string;
  currency?: string;
  lineItems?: LineItemInput[];
  notes?: string | null;
  terms?: string | null;
  reference?: string | null;
  dueInDays?: number;
}

export interface CustomerInput {
  name: string;
  email: string;
  address?: Customer['address'];
  taxId?: string | null;
  locale?: string | null;
}

export const sessions = {
  create: (login: string, password: string) =>
    api.post<Session>('/v1/session', { login, password }, { anonymous: true }),
  current: () => api.get<Session>('/v1/session', { anonymous: true }),
  destroy: () => api.del<void>('/v1/session'),
  signup: (body: { organizationName: string; username: string; email: string; password: string }) =>
    api.post<{ tenantId: string; user: User }>('/v1/signup', body, { anonymous: true }),
};

export const invoices = {
  list: (params: { status?: InvoiceStatus | ''; customerId?: string; number?: string; limit?: number; cursor?: string | null }) =>
    api.get<Page<Invoice>>(`/v1/invoices${query({ limit: 100, ...params })}`),
  get: (id: string) => api.get<Invoice>(`/v1/invoices/${id}`),
  history: (id: string) => api.get<{ data: HistoryEntry[] }>(`/v1/invoices/${id}/history`),
  create: (body: InvoiceInput) => api.post<Invoice>('/v1/invoices', body),
  update: (id: string, body: InvoiceInput, version?: number) =>
    api.patch<Invoice>(`/v1/invoices/${id}`, body, { ifMatch: version }),
  addLine: (id: string, line: LineItemInput) => api.post<Invoice>(`/v1/invoices/${id}/line-items`, line),
  updateLine: (id: string, lineId: string, line: Partial<LineItemInput>) =>
    api.patch<Invoice>(`/v1/invoices/${id}/line-items/${lineId}`, line),
  removeLine: (id: string, lineId: string) => api.del<void>(`/v1/invoices/${id}/line-items/${lineId}`),
  remove: (id: string) => api.del<void>(`/v1/invoices/${id}`),
  issue: (id: string, issueDate?: string) => api.post<Invoice>(`/v1/invoices/${id}/issue`, issueDate ? { issueDate } : {}),
  void: (id: string, reason: string) => api.post<Invoice>(`/v1/invoices/${id}/void`, { reason }),
  markUncollectible: (id: string) => api.post<Invoice>(`/v1/invoices/${id}/mark-uncollectible`, {}),
  send: (id: string, body: { to?: string[]; cc?: string[]; message?: string }) =>
    api.post<EmailRecord>(`/v1/invoices/${id}/send`, body),
  emails: (id: string) => api.get<{ data: EmailRecord[] }>(`/v1/invoices/${id}/emails`),
  creditNote: (id: string, body: { amount?: string; reason: string; memo?: string }) =>
    api.post<CreditNote>(`/v1/invoices/${id}/credit-notes`, body),
  creditNotes: (id: string) => api.get<Page<CreditNote>>(`/v1/credit-notes${query({ invoiceId: id })}`),
  pdfUrl: (id: string) => `/v1/invoices/${id}/pdf`,
};

export const payments = {
  list: (params: { invoiceId?: string; limit?: number; cursor?: string | null }) =>
    api.get<Page<Payment>>(`/v1/payments${query({ limit: 100, ...params })}`),
  record: (body: { invoiceId: string; amount: string; currency: string; method: string; reference?: string }) =>
    api.post<Payment>('/v1/payments', body),
  refund: (paymentId: string, body: { amount: string; reason?: string }) =>
    api.post<{ id: string }>(`/v1/payments/${paymentId}/refunds`, body),
};

export const customers = {
  list: (params: { includeArchived?: boolean; cursor?: string | null } = {}) =>
    api.get<Page<Customer>>(`/v1/customers${query({ limit: 100, ...params })}`),
  get: (id: string) => api.get<Customer>(`/v1/customers/${id}`),
  create: (body: CustomerInput) => api.post<Customer>('/v1/customers', body),
  update: (id: string, body: Partial<CustomerInput>, version?: number) =>
    api.patch<Customer>(`/v1/customers/${id}`, body, { ifMatch: version }),
  archive: (id: string) => api.del<void>(`/v1/customers/${id}`),
  invoices: (id: string) => api.get<Page<Invoice>>(`/v1/customers/${id}/invoices${query({ limit: 100 })}`),
};

export const settings = {
  get: () => api.get<Settings>('/v1/settings'),
  put: (body: Settings) => api.put<Settings>('/v1/settings', body),
};

export const recurring = {
  list: () => api.get<Page<RecurringSchedule>>(`/v1/recurring-invoices${query({ limit: 100 })}`),
  create: (body: Record<string, unknown>) => api.post<RecurringSchedule>('/v1/recurring-invoices', body),
  action: (id: string, action: 'pause' | 'resume' | 'cancel') =>
    api.post<RecurringSchedule>(`/v1/recurring-invoices/${id}/${action}`, {}),
};

export const webhooks = {
  list: () => api.get<Page<WebhookEndpoint>>(`/v1/webhook-endpoints${query({ limit: 100 })}`),
  get: (id: string) => api.get<WebhookEndpoint>(`/v1/webhook-endpoints/${id}`),
  create: (body: { url: string; events: string[]; description?: string }) =>
    api.post<WebhookEndpoint>('/v1/webhook-endpoints', body),
  secret: (id: string) => api.get<{ secret: string }>(`/v1/webhook-endpoints/${id}/secret`),
  test: (id: string) => api.post<unknown>(`/v1/webhook-endpoints/${id}/test`, {}),
  remove: (id: string) => api.del<void>(`/v1/webhook-endpoints/${id}`),
  messages: (id: string, status?: string) =>
    api.get<Page<WebhookMessage>>(`/v1/webhook-endpoints/${id}/messages${query({ status, limit: 100 })}`),
  attempts: (messageId: string) => api.get<Page<WebhookAttempt>>(`/v1/webhook-messages/${messageId}/attempts`),
  retry: (messageId: string) => api.post<WebhookMessage>(`/v1/webhook-messages/${messageId}/retry`, {}),
  eventTypes: () => api.get<{ data: { type: string; description?: string }[] } | string[]>('/v1/webhook-event-types'),
};

export const notifications = {
  list: (unread?: boolean) => api.get<Page<Notification>>(`/v1/notifications${query({ unread, limit: 50 })}`),
  read: (id: string) => api.post<Notification>(`/v1/notifications/${id}/read`, {}),
};

export const users = {
  list: () => api.get<Page<User>>(`/v1/users${query({ limit: 100 })}`),
  create: (body: { username: string; email: string; password: string; role: string }) => api.post<User>('/v1/users', body),
};

export const apiKeys = {
  list: () => api.get<Page<ApiKey>>(`/v1/api-keys${query({ limit: 100 })}`),
  create: (body: { name: string; scope: string }) => api.post<ApiKey>('/v1/api-keys', body),
  revoke: (id: string) => api.del<void>(`/v1/api-keys/${id}`),
};

/** Every page of a list, up to `max` items (the home screen's figures need the whole set). */
export async function all<T>(fetchPage: (cursor: string | null) => Promise<Page<T>>, max = 2000): Promise<T[]> {
  const out: T[] = [];
  let cursor: string | null = null;
  do {
    const page: Page<T> = await fetchPage(cursor);
    out.push(...page.data);
    cursor = page.nextCursor;
  } while (cursor && out.length < max);
  return out;
}
