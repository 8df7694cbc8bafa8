-- Every append to the event store announces itself on channel invoice_events, once per statement and (PostgreSQL
-- folds identical notifications) once per transaction, delivered at commit. Each instance's event store wakes on it
-- (config.WakeableEventStore) instead of polling for events other instances commit.
create function announce_invoice_events() returns trigger language plpgsql as $$
begin
    perform pg_notify('invoice_events', '');
    return null;
end
$$;

create trigger domain_event_entry_announce
    after insert on domain_event_entry
    for each statement execute function announce_invoice_events();
