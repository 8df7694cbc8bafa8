-- SPEC §12: email settings beside the rest of the billing settings; they travel to document-service inside the
-- invoice events (captured with the seller at issue), never read across services.
alter table billing_settings
    add column send_invoices_on_issue boolean not null default false,
    add column reminder_offsets_days  integer[] not null default '{}',
    add column send_receipts          boolean not null default false;
