-- SPEC §2 across crashes: the Idempotency-Key of a request, written in the same transaction as the request's effect
-- (payment row, Axon event append, endpoint row, …) together with the answer, so a retry after any crash finds
-- either both or neither. Shared by every service through Flyway location classpath:db/platform.
create table idempotency_key (
    tenant_id        varchar(64)  not null,
    idempotency_key  varchar(255) not null,
    fingerprint      varchar(128) not null,
    response_status  integer,
    response_headers text,
    response_body    bytea,
    created_at       timestamptz  not null,
    primary key (tenant_id, idempotency_key)
);

create index idempotency_key_created_at on idempotency_key (created_at);
