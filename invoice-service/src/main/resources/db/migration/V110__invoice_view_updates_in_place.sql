-- Every event of an invoice rewrites its list row, and every rewrite added an entry to all five indexes of the
-- table: the index of recurring invoices read `document`, which each event changes, so PostgreSQL could never update
-- a row in place (a heap-only tuple, no index touched). The schedule's id now sits in a column of its own, which no
-- event changes once the invoice exists, and each page keeps room for the next version of its rows (the rows are
-- about 1.6 kB, four to a page).
alter table invoice_view add column recurring_invoice_id text
    generated always as (document ->> 'recurringInvoiceId') stored;
drop index invoice_view_recurring;
create index invoice_view_recurring on invoice_view (tenant_id, recurring_invoice_id, created_at desc, id desc)
    where recurring_invoice_id is not null;
alter table invoice_view set (fillfactor = 70);
