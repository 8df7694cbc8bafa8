-- Credit notes (SPEC §13).

-- Credit-note numbers are a series of their own in the invoice number counter: same row-lock mechanism, gapless per
-- tenant, series and year. Existing rows are the invoice series.
alter table invoice_number_counter add column series varchar(20) not null default 'invoice';
alter table invoice_number_counter drop constraint invoice_number_counter_pkey;
alter table invoice_number_counter add primary key (tenant_id, series, year);

-- The credit-note list read model, written by the invoice-view processor from CreditNoteIssued (and refund news):
-- filter columns plus the whole response as jsonb.
create table credit_note_view (
    id          varchar(64) primary key,
    tenant_id   varchar(64) not null,
    invoice_id  varchar(64) not null,
    customer_id varchar(64) not null,
    number      varchar(100) not null,
    invoice_version bigint  not null,
    created_at  timestamptz not null,
    document    jsonb       not null
);
create index credit_note_view_tenant_created on credit_note_view (tenant_id, created_at desc, id desc);
create index credit_note_view_invoice on credit_note_view (tenant_id, invoice_id, created_at desc, id desc);
create index credit_note_view_customer on credit_note_view (tenant_id, customer_id, created_at desc, id desc);

-- Settings: the credit-note number format (null = the default CN-{yyyy}-{seq:3}).
alter table billing_settings add column credit_note_number_format varchar(100);
