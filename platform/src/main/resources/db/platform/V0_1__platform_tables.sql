-- Shared by every service through Flyway location classpath:db/platform.

-- Integration events waiting for Kafka (SPEC §9: written in the same transaction as the state change).
create table outbox_event (
    id          bigserial primary key,
    event_id    varchar(64)  not null unique,
    topic       varchar(200) not null,
    record_key  varchar(200) not null,
    payload     text         not null,
    request_id  varchar(128),
    created_at  timestamptz  not null
);

-- Consumer idempotency by event id.
create table processed_event (
    consumer     varchar(100) not null,
    event_id     varchar(64)  not null,
    processed_at timestamptz  not null,
    primary key (consumer, event_id)
);
