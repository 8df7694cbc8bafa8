-- Credit-note PDFs (SPEC §13). A credit note never changes once issued, so it has one render, stored with its
-- SHA-256 like invoice PDFs; the snapshot it was rendered from is kept for a render on demand.
create table credit_note_render (
    id               varchar(64)  primary key,
    tenant_id        varchar(64)  not null,
    credit_note_id   varchar(64)  not null,
    invoice_id       varchar(64)  not null,
    number           varchar(100) not null,
    data             jsonb        not null,
    content          bytea        not null,
    sha256           char(64)     not null,
    size_bytes       bigint       not null,
    created_at       timestamptz  not null,
    unique (tenant_id, credit_note_id)
);
