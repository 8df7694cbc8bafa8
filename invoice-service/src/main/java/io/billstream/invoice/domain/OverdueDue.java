package io.billstream.invoice.domain;

/** Deadline payload: the invoice's due date has passed. */
public record OverdueDue(String invoiceId) {
}
