-- Read-your-writes across services (issue 15): the newest invoice version each tenant was answered with by
-- invoice-service, kept for a minute so a payment right after an issue can tell payment-service which version the client
-- has already seen (SeenVersion in the internal token).
create table seen_invoice_version (
    tenant_id  text        not null,
    invoice_id text        not null,
    version    bigint      not null,
    seen_at    timestamptz not null,
    primary key (tenant_id, invoice_id)
);
create index seen_invoice_version_seen_idx on seen_invoice_version (seen_at);
