-- EN 16931 data (e-invoices): the seller's VAT id, bank account and contact phone, and the customer's buyer reference
-- (e.g. a Leitweg-ID). All optional, so existing rows and v1 clients are unaffected.
alter table billing_settings add column seller_vat_id text;
alter table billing_settings add column seller_iban text;
alter table billing_settings add column seller_bic text;
alter table billing_settings add column seller_phone text;
alter table customer add column buyer_reference text;
