-- Every insert of webhook messages announces itself to the other instances' delivery workers, once per statement
-- and (PostgreSQL folds identical notifications) once per transaction, delivered at commit and only if the rows are.
-- The payload names the writing instance (its sessions' start-up option billstream.writer, platform
-- SessionWriterTag), which woke its own workers in process and ignores it. Before, the fan-out sent the same
-- notification as a statement of its own, one round trip per event.
create function announce_webhook_messages() returns trigger language plpgsql as $$
begin
    perform pg_notify('billstream_webhook_message', coalesce(current_setting('billstream.writer', true), ''));
    return null;
end
$$;

create trigger webhook_message_announce
    after insert on webhook_message
    for each statement execute function announce_webhook_messages();
