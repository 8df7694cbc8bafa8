-- Schema of webhook-service (platform tables come from classpath:db/platform).
-- seq columns give every list a stable, newest-first cursor order that survives concurrent inserts.

create table webhook_endpoint (
    id                         varchar(64)   primary key,
    seq                        bigserial     not null unique,
    tenant_id                  varchar(64)   not null,
    url                        varchar(2048) not null,
    events                     text[]        not null,
    status                     varchar(16)   not null,
    description                varchar(200),
    secret                     varchar(200)  not null,
    previous_secret            varchar(200),
    previous_secret_expires_at timestamptz,
    -- first failure since the last success; null while healthy (drives the "failing for 5 days" rule)
    failing_since              timestamptz,
    last_success_at            timestamptz,
    version                    bigint        not null default 1,
    created_at                 timestamptz   not null,
    updated_at                 timestamptz   not null
);
create index webhook_endpoint_by_tenant on webhook_endpoint (tenant_id, seq desc);

-- One row per (event, endpoint), written before the first attempt, in the consumer's transaction.
create table webhook_message (
    id              varchar(64)  primary key,
    seq             bigserial    not null unique,
    tenant_id       varchar(64)  not null,
    endpoint_id     varchar(64)  not null references webhook_endpoint (id) on delete cascade,
    event_id        varchar(64)  not null,
    type            varchar(100) not null,
    payload         text         not null,
    status          varchar(16)  not null,
    attempts        int          not null default 0,
    -- retries of the schedule already used; a manual retry sets it to the end (one attempt, no new schedule)
    schedule_step   int          not null default 0,
    next_attempt_at timestamptz,
    -- lease of the instance attempting it; another instance may claim it only once the lease has run out
    locked_until    timestamptz,
    lease_token     uuid,
    created_at      timestamptz  not null,
    updated_at      timestamptz  not null,
    constraint webhook_message_once_per_endpoint unique (event_id, endpoint_id)
);
create index webhook_message_due on webhook_message (next_attempt_at) where status = 'pending';
create index webhook_message_by_endpoint on webhook_message (endpoint_id, seq desc);
create index webhook_message_failed on webhook_message (endpoint_id, created_at) where status = 'failed';

create table webhook_attempt (
    id              varchar(64)  primary key,
    seq             bigserial    not null unique,
    message_id      varchar(64)  not null references webhook_message (id) on delete cascade,
    attempted_at    timestamptz  not null,
    response_status int,
    latency_ms      bigint       not null,
    response_body   text,
    error           varchar(500),
    instance_id     varchar(100) not null
);
create index webhook_attempt_by_message on webhook_attempt (message_id, seq desc);

create table notification (
    id         varchar(64)  primary key,
    seq        bigserial    not null unique,
    tenant_id  varchar(64)  not null,
    type       varchar(100) not null,
    message    varchar(500) not null,
    read       boolean      not null default false,
    created_at timestamptz  not null,
    data       jsonb        not null
);
create index notification_by_tenant on notification (tenant_id, seq desc);
create index notification_unread on notification (tenant_id, seq desc) where not read;
