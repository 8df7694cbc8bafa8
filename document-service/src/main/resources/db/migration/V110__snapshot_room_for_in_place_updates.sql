-- Each invoice event rewrites its snapshot (about 1.7 kB, four to a page). With full pages a quarter of those
-- rewrites found no room beside the old row and added a primary-key entry instead of updating in place (a heap-only
-- tuple); each page now keeps room for the next version of its rows.
alter table invoice_snapshot set (fillfactor = 70);
