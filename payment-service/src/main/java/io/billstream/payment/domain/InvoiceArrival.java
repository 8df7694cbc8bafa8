package io.billstream.payment.domain;

import io.billstream.platform.concurrency.BoundedWait;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.util.Optional;

/**
 * Read-your-writes across services: a client that issued an invoice a moment ago may pay it before the
 * invoice.issued event has reached this service (or reached only the draft). Waits, bounded, until the ledger
 * row exists and is no longer a draft ({@link BoundedWait}). Runs outside any transaction, holding no connection.
 */
@Component
public class InvoiceArrival {

    private final LedgerStore ledger;
    private final PaymentSettings settings;
    private final Clock clock;

    public InvoiceArrival(LedgerStore ledger, PaymentSettings settings, Clock clock) {
        this.ledger = ledger;
        this.settings = settings;
        this.clock = clock;
    }

    /** The entry once issued, or whatever is known (a draft, or nothing) when the wait runs out. */
    public Optional<LedgerEntry> awaitIssued(String invoiceId) {
        return awaitIssued(invoiceId, 0);
    }

    /** The entry is of an issued invoice, at least at the version the client has seen (0 if none known). */
    public static boolean arrived(LedgerEntry entry, long seenVersion) {
        return entry.status() != InvoiceStatus.DRAFT && entry.invoiceVersion() >= seenVersion;
    }

    /**
     * @param seenVersion a version of the invoice the client has already been answered with (0 if none known): the
     *                    wait also lasts until the ledger has reached it
     */
    public Optional<LedgerEntry> awaitIssued(String invoiceId, long seenVersion) {
        return BoundedWait.until(() -> ledger.find(invoiceId), entry -> entry.isPresent() && arrived(entry.get(),
                seenVersion), settings.invoiceWait(), settings.invoicePoll(), clock);
    }
}
