-- Back to V100's unsigned announcement, which wakes every instance, the writer's included. V120 signed it with the
-- writer's name so that the writing instance would skip it, but that instance's own wake-up (Axon's afterCommit) runs
-- when the command's unit of work ends, which for a request with an Idempotency-Key is before the key's transaction
-- commits: the store then reads too early, finds nothing, and only this notification, delivered at the real commit,
-- makes it read again (without it the events waited for the 30 s safety poll; the system tests' keyed issues saw it).
create or replace function announce_invoice_events() returns trigger language plpgsql as $$
begin
    perform pg_notify('invoice_events', '');
    return null;
end
$$;
