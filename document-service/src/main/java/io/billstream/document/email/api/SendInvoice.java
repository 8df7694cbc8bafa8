package io.billstream.document.email.api;

import java.util.List;

/**
 * Emails an invoice with its current PDF. Every field is optional: {@code to} defaults to the customer's address,
 * {@code subject} to "Invoice 2026-001 from Acme"; the domain validates them (field names as on the wire).
 */
public record SendInvoice(List<String> to, List<String> cc, String subject, String message) {
}
