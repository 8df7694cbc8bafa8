package io.billstream.invoice.invoicing.domain;

import io.billstream.platform.errors.DomainException;
import io.billstream.platform.errors.ErrorCode;
import io.billstream.platform.errors.FieldViolation;

import java.util.List;

/** The aggregate's refusals, already in the problem+json vocabulary of the API contract (§2). */
public final class InvoiceErrors {

    private InvoiceErrors() {
    }

    public static DomainException notFound() {
        return DomainException.notFound("Invoice");
    }

    public static DomainException lineItemNotFound() {
        return DomainException.notFound("Line item");
    }

    public static DomainException notDraft() {
        return DomainException.of(ErrorCode.INVOICE_NOT_DRAFT, "Only a draft invoice can be changed.");
    }

    public static DomainException noLines() {
        return DomainException.of(ErrorCode.INVOICE_HAS_NO_LINES, "An invoice needs line items to be issued.");
    }

    public static DomainException hasPayments() {
        return DomainException.of(ErrorCode.INVOICE_HAS_PAYMENTS, "An invoice with payments cannot be voided.");
    }

    public static DomainException notPayable(String detail) {
        return DomainException.of(ErrorCode.INVOICE_NOT_PAYABLE, detail);
    }

    public static DomainException notCreditable(String status) {
        return DomainException.of(ErrorCode.INVOICE_NOT_CREDITABLE,
                "A " + status + " invoice cannot be credited; only open, overdue and paid invoices can.");
    }

    public static DomainException invalid(String field, String message) {
        return DomainException.validation(List.of(new FieldViolation(field, message)));
    }
}
