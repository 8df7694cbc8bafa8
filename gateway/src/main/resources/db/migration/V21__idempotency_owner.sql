-- Which gateway instance claimed a key (its advisory-lock id, see GatewayInstanceLock), so a retry can take over at
-- once the key of a request whose gateway died, instead of waiting for it to go stale. Null for rows of before.
alter table idempotency_record add column owner integer;
