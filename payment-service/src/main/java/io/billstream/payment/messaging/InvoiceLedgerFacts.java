package io.billstream.payment.messaging;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * The part of an invoice.* event's {@code data} (platform's {@code InvoiceData}) the ledger takes. Binding the whole
 * invoice (parties, lines, tax breakdown, dates, the change map) for these six fields was 3.4 % of
 * payment-service's CPU samples at 100 payments/s, half of it saved (docs/benchmarks.md, row 34); the rest of the
 * invoice is skipped, so the ledger does not depend on fields it never reads.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
record InvoiceLedgerFacts(String id, String currency, String total, String status, long version,
                          String amountCredited) {
}
