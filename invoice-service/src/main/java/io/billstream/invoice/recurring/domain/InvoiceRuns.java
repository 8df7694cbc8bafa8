package io.billstream.invoice.recurring.domain;

import java.util.Optional;

/**
 * Creates (and in mode "issue" issues) one run's invoice inside the caller's unit of work, so the invoice and the
 * schedule's record of the run commit together or not at all.
 *
 * @return the invoice id, or empty when the customer can no longer be billed (archived): nothing was created
 */
public interface InvoiceRuns {
    Optional<String> create(RunOrder order);
}
