-- W3C traceparent of the request that wrote the row, so the Kafka record the relay sends later continues its trace.
alter table outbox_event add column trace_parent varchar(64);
