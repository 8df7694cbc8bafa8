package io.billstream.invoice.invoicing.domain;

/**
 * Hands out the next sequence number of a tenant's year. Implementations must join the caller's transaction so
 * that a failed issue gives its number back (numbers stay gapless).
 */
public interface InvoiceNumberAllocator {
    long next(String tenantId, int year);
}
