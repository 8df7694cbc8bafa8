package io.billstream.invoice.invoicing.domain;

/** Deadline payload: the invoice's due date has passed. */
public record OverdueDue(String invoiceId) {
}
