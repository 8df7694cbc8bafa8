-- Credit notes (SPEC §13). The ledger learns what the invoice's credit notes took off (amountCredited of invoice.*
-- events), so amountDue = total − credited − paid_net; a refund records the credit note it pays out.
alter table invoice_ledger add column credited numeric(19,4) not null default 0;
alter table refund add column credit_note_id varchar(64);
create index refund_credit_note on refund (credit_note_id) where credit_note_id is not null;
