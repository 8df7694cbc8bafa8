-- The append announcement (V100) now names its writer: the instance whose pooled sessions carry the startup option
-- billstream.writer (platform SessionWriterTag). That instance's event store already woke in process at the commit
-- and ignores its own notification; before, it read the store a second time on it, one empty query per append.
-- A session without the option (psql, an older instance) sends '', which wakes every instance, as V100 did.
create or replace function announce_invoice_events() returns trigger language plpgsql as $$
begin
    perform pg_notify('invoice_events', coalesce(current_setting('billstream.writer', true), ''));
    return null;
end
$$;
