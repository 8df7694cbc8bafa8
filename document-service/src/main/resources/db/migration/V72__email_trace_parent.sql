-- SPEC §10: an email continues the trace of whatever queued it (the send request, or the Kafka record of an
-- issue, reminder or receipt), so its send and the invoice.sent / email.failed events it publishes share one trace.
alter table email add column trace_parent varchar(100);
