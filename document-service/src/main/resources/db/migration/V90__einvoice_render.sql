-- E-invoices (Factur-X PDF, XRechnung CII and UBL) of invoices and credit notes, rendered on demand and kept beside
-- the PDF renders: one row per document and syntax, replaced when what it shows changes (source_sha256 is the hash
-- of its input: the e-invoice data and, for Factur-X, the visible page).
create table einvoice_render (
    id             varchar(64)  primary key,
    tenant_id      varchar(64)  not null,
    document_id    varchar(64)  not null,
    syntax         varchar(32)  not null,
    number         varchar(100) not null,
    source_sha256  char(64)     not null,
    content        bytea        not null,
    sha256         char(64)     not null,
    size_bytes     bigint       not null,
    created_at     timestamptz  not null,
    unique (tenant_id, document_id, syntax)
);
