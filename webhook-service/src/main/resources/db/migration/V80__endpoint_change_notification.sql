-- A change to which events an endpoint receives (created, deleted, enabled/disabled, its filter edited) announces
-- itself on channel webhook_endpoints, delivered at commit. Every instance keeps each tenant's subscriptions in
-- memory (persistence.EndpointRepository) and drops them on it, so routing an event needs no query. Row triggers:
-- a statement that changes no row (a failure that does not disable) announces nothing.
create function announce_webhook_endpoints() returns trigger language plpgsql as $$
begin
    perform pg_notify('webhook_endpoints', '');
    return null;
end
$$;

create trigger webhook_endpoint_added_or_removed
    after insert or delete on webhook_endpoint
    for each row execute function announce_webhook_endpoints();

create trigger webhook_endpoint_subscription_changed
    after update of status, events on webhook_endpoint
    for each row when (old.status is distinct from new.status or old.events is distinct from new.events)
    execute function announce_webhook_endpoints();
