-- A claim only stamps the lease (locked_until, lease_token), columns no index covers. With room left on each page
-- PostgreSQL can make that update in place (a heap-only tuple) instead of adding an entry to each of the table's
-- indexes; only the outcome, which changes status and next_attempt_at, still has to touch them.
alter table webhook_message set (fillfactor = 70);
