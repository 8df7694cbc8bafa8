-- Recurring invoices (SPEC §11). The schedules themselves are event-sourced (Axon event store); this is their list
-- read model, like invoice_view. Run timers are rows of scheduled_tasks (db-scheduler, V1).

create table recurring_invoice_view (
    id            varchar(64)  primary key,
    tenant_id     varchar(64)  not null,
    customer_id   varchar(64)  not null,
    status        varchar(20)  not null,
    next_run_date date,
    version       bigint       not null,
    created_at    timestamptz  not null,
    updated_at    timestamptz  not null,
    document      jsonb        not null
);
create index recurring_invoice_view_tenant_created on recurring_invoice_view (tenant_id, created_at desc, id desc);
create index recurring_invoice_view_customer on recurring_invoice_view (tenant_id, customer_id, created_at desc, id desc);

-- GET /v1/invoices?recurringInvoiceId=: the generated invoices of one schedule, from the invoice document.
create index invoice_view_recurring on invoice_view (tenant_id, (document ->> 'recurringInvoiceId'), created_at desc, id desc)
    where document ->> 'recurringInvoiceId' is not null;
