package io.billstream.invoice.invoicing.domain;

/** Deadline payload: {@code month} full calendar months have passed since the due date. */
public record LateFeeDue(String invoiceId, int month) {
}
