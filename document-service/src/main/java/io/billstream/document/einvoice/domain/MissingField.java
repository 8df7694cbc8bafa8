package io.billstream.document.einvoice.domain;

/** One reason an invoice cannot be an e-invoice: the API field to fill in (as clients write it) and why. */
public record MissingField(String field, String message) {
}
