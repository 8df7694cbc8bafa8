-- Schema of payment-service (platform tables outbox_event / processed_event come from classpath:db/platform).

-- One row per invoice, kept from invoice.* events. paid_net (succeeded payments minus refunds recorded here)
-- is owned by this service and changed only under this row's lock, so amountDue = total - paid_net never
-- waits for invoice-service to catch up.
create table invoice_ledger (
    invoice_id      varchar(64)   primary key,
    tenant_id       varchar(64)   not null,
    currency        char(3)       not null,
    total           numeric(19,4) not null,
    status          varchar(20)   not null,
    invoice_version bigint        not null,
    paid_net        numeric(19,4) not null default 0,
    updated_at      timestamptz   not null
);

create table payment (
    id              varchar(64)   primary key,
    -- monotonic insertion order for newest-first keyset pagination
    position        bigserial     not null unique,
    tenant_id       varchar(64)   not null,
    invoice_id      varchar(64)   not null references invoice_ledger (invoice_id),
    amount          numeric(19,4) not null check (amount > 0),
    currency        char(3)       not null,
    method          varchar(20)   not null,
    reference       varchar(100),
    status          varchar(20)   not null,
    paid_at         timestamptz   not null,
    refunded_amount numeric(19,4) not null default 0 check (refunded_amount >= 0 and refunded_amount <= amount),
    version         bigint        not null,
    created_at      timestamptz   not null
);
create index payment_tenant_position on payment (tenant_id, position desc);
create index payment_tenant_invoice_position on payment (tenant_id, invoice_id, position desc);

create table refund (
    id          varchar(64)   primary key,
    tenant_id   varchar(64)   not null,
    payment_id  varchar(64)   not null references payment (id),
    amount      numeric(19,4) not null check (amount > 0),
    reason      varchar(500),
    created_at  timestamptz   not null
);
create index refund_payment on refund (payment_id);
