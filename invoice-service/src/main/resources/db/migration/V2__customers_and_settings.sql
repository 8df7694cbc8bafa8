-- Customers and billing settings (SPEC §4). Every row carries tenant_id and every query filters by it.

create table customer (
    id                  varchar(64)  primary key,
    tenant_id           varchar(64)  not null,
    name                varchar(200) not null,
    email               varchar(254) not null,
    address_line1       varchar(200),
    address_line2       varchar(200),
    address_city        varchar(200),
    address_region      varchar(200),
    address_postal_code varchar(20),
    address_country     char(2),
    tax_id              varchar(100),
    locale              varchar(35),
    metadata            jsonb        not null default '{}'::jsonb,
    archived            boolean      not null default false,
    version             bigint       not null,
    created_at          timestamptz  not null,
    updated_at          timestamptz  not null
);

-- The list order (newest first, id as tie-breaker) and its keyset cursor.
create index customer_tenant_created_idx on customer (tenant_id, created_at desc, id desc);
-- The case-insensitive email filter.
create index customer_tenant_email_idx on customer (tenant_id, lower(email));

-- One settings document per tenant; no row means the defaults (SPEC §4).
create table billing_settings (
    tenant_id                  varchar(64)  primary key,
    seller_name                varchar(200) not null,
    seller_email               varchar(254),
    seller_address_line1       varchar(200),
    seller_address_line2       varchar(200),
    seller_address_city        varchar(200),
    seller_address_region      varchar(200),
    seller_address_postal_code varchar(20),
    seller_address_country     char(2),
    seller_tax_id              varchar(100),
    default_currency           char(3)      not null,
    payment_terms_days         integer      not null check (payment_terms_days between 0 and 365),
    late_fee_percent_per_month numeric(7, 4) not null check (late_fee_percent_per_month between 0 and 100),
    number_format              varchar(100) not null,
    default_notes              text,
    default_terms              text,
    locale                     varchar(35)  not null,
    updated_at                 timestamptz  not null
);
