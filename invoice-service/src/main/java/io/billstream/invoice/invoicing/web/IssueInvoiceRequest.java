package io.billstream.invoice.invoicing.web;

import java.time.LocalDate;

public record IssueInvoiceRequest(LocalDate issueDate) {
}
