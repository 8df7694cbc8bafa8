-- SPEC §12: emails about invoices (sends, reminders, receipts), durable before the first attempt.

-- One row per email. A row is written before anything is sent; the worker claims due rows with
-- FOR UPDATE SKIP LOCKED and a lease (locked_until), so two instances never attempt the same email at once.
-- status: queued (also while retrying: attempts > 0, next_attempt_at in the future), sent, failed.
-- dedup_key makes automatic emails idempotent per invoice ('issue', 'reminder:-3', 'receipt:v7');
-- it is null for emails requested through the API (each request is a new email).
create table email (
    id               varchar(64)  primary key,
    tenant_id        varchar(64)  not null,
    invoice_id       varchar(64)  not null,
    kind             varchar(16)  not null,
    dedup_key        varchar(100),
    to_addresses     jsonb        not null,
    cc_addresses     jsonb        not null,
    subject          varchar(1000) not null,
    message          text,
    message_id       varchar(300) not null,
    status           varchar(16)  not null,
    attempts         int          not null default 0,
    next_attempt_at  timestamptz  not null,
    locked_until     timestamptz,
    last_error       varchar(2000),
    sent_at          timestamptz,
    created_at       timestamptz  not null,
    unique (tenant_id, invoice_id, dedup_key)
);
create index email_due on email (next_attempt_at) where status = 'queued';
create index email_by_invoice on email (tenant_id, invoice_id, created_at);

-- Durable reminder timers: one row per (invoice, offset in days from the due date), fired once by the worker.
-- status: scheduled, queued (its email exists: email_id), cancelled (paid, void, uncollectible), skipped (no address).
create table email_reminder (
    tenant_id        varchar(64)  not null,
    invoice_id       varchar(64)  not null,
    offset_days      int          not null,
    fire_at          timestamptz  not null,
    status           varchar(16)  not null,
    email_id         varchar(64),
    updated_at       timestamptz  not null,
    primary key (tenant_id, invoice_id, offset_days)
);
create index email_reminder_due on email_reminder (fire_at) where status = 'scheduled';
