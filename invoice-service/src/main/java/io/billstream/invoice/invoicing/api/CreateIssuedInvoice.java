package io.billstream.invoice.invoicing.api;

import java.util.Objects;

/**
 * Creates an invoice and issues it in one unit of work ({@code POST /v1/invoices} with {@code "issue": true}, as
 * Kill Bill's {@code autoCommit} or Lago's one-off invoices): the same checks and events as {@link CreateInvoice}
 * then {@link IssueInvoice}, but all or nothing, and one request instead of two.
 */
public record CreateIssuedInvoice(CreateInvoice create, IssueInvoice issue) {

    public CreateIssuedInvoice {
        Objects.requireNonNull(create, "create");
        Objects.requireNonNull(issue, "issue");
        if (!create.invoiceId().equals(issue.invoiceId())) {
            throw new IllegalArgumentException("create and issue must name the same invoice");
        }
    }
}
