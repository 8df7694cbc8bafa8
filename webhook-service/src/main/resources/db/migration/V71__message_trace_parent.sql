-- W3C traceparent of the event (or request) a message was made from: every attempt, retries included, is a span of
-- that trace and sends it on as its own traceparent header (SPEC §10).
alter table webhook_message add column trace_parent varchar(64);
