package io.billstream.payment.domain;

import io.billstream.platform.concurrency.BoundedWait;
import io.billstream.platform.security.Caller;
import io.billstream.platform.security.SeenVersion;
import io.billstream.platform.security.SeenVersionArrival;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.util.Optional;

/**
 * Read-your-writes across services: a client that issued an invoice a moment ago may pay it before the
 * invoice.issued event has reached this service (or reached only the draft). Waits, bounded, until the ledger
 * row exists and is no longer a draft ({@link BoundedWait}). Runs outside any transaction, holding no connection:
 * a payment with an Idempotency-Key, whose handler runs inside the key's transaction, waits before it opens
 * ({@link SeenVersionArrival}, the platform's {@code SeenVersionWaitFilter}).
 */
@Component
public class InvoiceArrival implements SeenVersionArrival {

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

    /** Waits for the version the caller has seen; 503 (nothing stored) if it does not arrive in time. */
    @Override
    public void await(Caller caller, SeenVersion seen) {
        requireSeen(seen.id(), seen.version(), awaitIssued(seen.id(), seen.version()));
    }

    /**
     * The client was answered with a newer invoice (issued, say) than the events that reached this service so far;
     * the draft (or nothing) here is stale. "Not yet" is the truth, not 409 or 404 (issue 15).
     */
    public void requireSeen(String invoiceId, long seenVersion, Optional<LedgerEntry> known) {
        if (seenVersion > 0 && known.map(e -> e.invoiceVersion() < seenVersion).orElse(true)) {
            throw SeenVersionArrival.notYet(invoiceId, seenVersion, "payments", settings.staleRetryAfter());
        }
    }
}
