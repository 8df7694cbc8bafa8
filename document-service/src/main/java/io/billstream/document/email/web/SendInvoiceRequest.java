package io.billstream.document.email.web;

import java.util.List;

/**
 * The body of {@code POST /v1/invoices/{id}/send}; every field is optional. {@code subject} overrides the default
 * "Invoice 2026-001 from Acme" (an addition to the API contract: a single line of at most 200 characters).
 */
public record SendInvoiceRequest(List<String> to, List<String> cc, String subject, String message) {
}
