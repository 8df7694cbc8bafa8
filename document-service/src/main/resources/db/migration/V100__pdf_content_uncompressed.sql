-- A PDF's streams are compressed already: PostgreSQL's TOAST compression tried anyway on every render, found
-- nothing to gain and stored the bytes as they were (stored size = raw size for every render). The attempt cost
-- 0.24 ms of server CPU per 25 KB invoice PDF against 0.03 ms without it (docs/benchmarks.md, row 26). EXTERNAL
-- keeps the column out of line, uncompressed; renders already stored stay as they are. E-invoices (XML inside) keep
-- their compression.
alter table invoice_render alter column content set storage external;
alter table credit_note_render alter column content set storage external;
