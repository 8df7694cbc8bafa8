-- Schema of document-service (platform tables come from classpath:db/platform).

-- The newest snapshot of every issued invoice, as carried by its latest invoice.* event. Renders on demand
-- start from here. page_sha256 is the hash of the page the snapshot renders to: equal hashes look the same.
create table invoice_snapshot (
    tenant_id        varchar(64)  not null,
    invoice_id       varchar(64)  not null,
    invoice_version  bigint       not null,
    status           varchar(32)  not null,
    invoice_number   varchar(100),
    page_sha256      char(64)     not null,
    data             jsonb        not null,
    updated_at       timestamptz  not null,
    primary key (tenant_id, invoice_id)
);

-- Every PDF ever rendered, one per invoice version at most; never updated, so an older version cannot
-- overwrite a newer one.
create table invoice_render (
    id               varchar(64)  primary key,
    tenant_id        varchar(64)  not null,
    invoice_id       varchar(64)  not null,
    invoice_version  bigint       not null,
    invoice_number   varchar(100),
    page_sha256      char(64)     not null,
    content          bytea        not null,
    sha256           char(64)     not null,
    size_bytes       bigint       not null,
    created_at       timestamptz  not null,
    unique (tenant_id, invoice_id, invoice_version)
);
create index invoice_render_by_page on invoice_render (tenant_id, invoice_id, page_sha256, invoice_version desc);
