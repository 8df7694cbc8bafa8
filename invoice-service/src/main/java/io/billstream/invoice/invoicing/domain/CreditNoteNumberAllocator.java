package io.billstream.invoice.invoicing.domain;

/**
 * Hands out the next credit-note sequence number of a tenant's year: the invoice numbering's counter with a series
 * of its own (API contract §13), joining the caller's transaction so that a refused credit note gives its number back.
 */
public interface CreditNoteNumberAllocator {
    long next(String tenantId, int year);
}
