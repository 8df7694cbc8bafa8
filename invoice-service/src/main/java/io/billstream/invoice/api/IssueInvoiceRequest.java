package io.billstream.invoice.api;

import java.time.LocalDate;

public record IssueInvoiceRequest(LocalDate issueDate) {
}
