-- Accounts, API keys, sessions, login throttling and idempotency records of the gateway.

create table tenant (
    id                text primary key,
    organization_name text        not null,
    created_at        timestamptz not null
);

create table app_user (
    id            text primary key,
    tenant_id     text        not null references tenant (id),
    username      text        not null,
    email         text        not null,
    password_hash text        not null,
    role          text        not null check (role in ('admin', 'viewer')),
    created_at    timestamptz not null
);
-- Logins name a user by username or email without a tenant, so both are unique across tenants.
create unique index app_user_username_key on app_user (lower(username));
create unique index app_user_email_key on app_user (lower(email));
create index app_user_tenant_idx on app_user (tenant_id, created_at desc, id desc);

create table api_key (
    id         text primary key,
    tenant_id  text        not null references tenant (id),
    name       text        not null,
    scope      text        not null check (scope in ('read_write', 'read_only')),
    key_hash   bytea       not null,
    last_four  text        not null,
    created_by text        not null,
    created_at timestamptz not null,
    revoked_at timestamptz
);
create index api_key_tenant_idx on api_key (tenant_id, created_at desc, id desc);

-- Logged-out access tokens (by jti) until they would have expired anyway; every instance checks here.
create table revoked_access_token (
    jti        text primary key,
    expires_at timestamptz not null
);

-- Failed logins per subject ('account:<login>' or 'address:<ip>'), shared by every instance.
create table login_throttle (
    subject           text primary key,
    failures          integer     not null,
    window_started_at timestamptz not null,
    blocked_until     timestamptz
);

create table idempotency_record (
    tenant_id        text        not null,
    idempotency_key  text        not null,
    fingerprint      text        not null,
    state            text        not null check (state in ('in_progress', 'completed')),
    response_status  integer,
    response_headers text,
    response_body    bytea,
    created_at       timestamptz not null,
    primary key (tenant_id, idempotency_key)
);
create index idempotency_record_created_idx on idempotency_record (created_at);
