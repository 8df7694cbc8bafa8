package io.billstream.invoice.domain;

import io.billstream.platform.web.ApiException;
import io.billstream.platform.web.ErrorCodes;
import io.billstream.platform.web.FieldViolation;

import java.util.List;

/** The aggregate's refusals, already in the problem+json vocabulary of SPEC §2. */
public final class InvoiceErrors {

    private InvoiceErrors() {
    }

    public static ApiException notFound() {
        return ApiException.notFound("Invoice");
    }

    public static ApiException lineItemNotFound() {
        return ApiException.notFound("Line item");
    }

    public static ApiException notDraft() {
        return ApiException.conflict(ErrorCodes.INVOICE_NOT_DRAFT, "Only a draft invoice can be changed.");
    }

    public static ApiException noLines() {
        return ApiException.conflict(ErrorCodes.INVOICE_HAS_NO_LINES, "An invoice needs line items to be issued.");
    }

    public static ApiException hasPayments() {
        return ApiException.conflict(ErrorCodes.INVOICE_HAS_PAYMENTS, "An invoice with payments cannot be voided.");
    }

    public static ApiException notPayable(String detail) {
        return ApiException.conflict(ErrorCodes.INVOICE_NOT_PAYABLE, detail);
    }

    public static ApiException notCreditable(String status) {
        return ApiException.conflict(ErrorCodes.INVOICE_NOT_CREDITABLE,
                "A " + status + " invoice cannot be credited; only open, overdue and paid invoices can.");
    }

    public static ApiException invalid(String field, String message) {
        return ApiException.validation(List.of(new FieldViolation(field, message)));
    }
}
