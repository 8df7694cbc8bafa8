package io.billstream.payment.messaging;

import io.billstream.payment.domain.InvoiceFacts;
import io.billstream.payment.domain.InvoiceStatus;
import io.billstream.payment.persistence.LedgerRepository;
import io.billstream.platform.events.IntegrationEvent;
import io.billstream.platform.messaging.IntegrationEventCodec;
import io.billstream.platform.messaging.IntegrationEventCodec.MalformedEventException;
import io.billstream.platform.money.CurrencyCodes;
import org.springframework.stereotype.Service;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Applies invoice.* events to the ledger with statements that only ever raise a row's invoice version: a
 * redelivery, or an older version arriving late, changes nothing. The version is the mark, so no
 * {@code processed_event} row is written (it was a second write and a transaction per event, docs/benchmarks.md,
 * row 24). Only invoice facts are taken; the amount paid here is never overwritten by an event. A poll's events go
 * together ({@link #applyAll}): only each invoice's newest version is written, and in one round trip and one commit,
 * where every event was a commit of its own (row 45).
 */
@Service
public class InvoiceLedgerProjection {

    private final LedgerRepository ledger;
    private final IntegrationEventCodec codec;

    public InvoiceLedgerProjection(LedgerRepository ledger, IntegrationEventCodec codec) {
        this.ledger = ledger;
        this.codec = codec;
    }

    /** The ledger facts of an event; empty for events that are not about an invoice. */
    public Optional<InvoiceFacts> facts(IntegrationEvent event) {
        if (event.type() == null || !event.type().startsWith("invoice.")) {
            return Optional.empty();
        }
        InvoiceLedgerFacts invoice = codec.data(event, InvoiceLedgerFacts.class);
        if (invoice == null || invoice.id() == null || event.tenantId() == null) {
            throw malformed(event, "has no invoice id or tenant", null);
        }
        try {
            String currency = CurrencyCodes.parse(invoice.currency()).getCurrencyCode();
            BigDecimal total = invoice.total() == null ? BigDecimal.ZERO : new BigDecimal(invoice.total());
            InvoiceStatus status = InvoiceStatus.fromWire(invoice.status());
            long version = invoice.version() > 0 ? invoice.version() : event.sequence();
            BigDecimal credited = invoice.amountCredited() == null ? BigDecimal.ZERO
                    : new BigDecimal(invoice.amountCredited());
            return Optional.of(new InvoiceFacts(invoice.id(), event.tenantId(), currency, total, status, version,
                    credited));
        } catch (IllegalArgumentException e) { // bad currency, amount or status: retrying cannot help
            throw malformed(event, "has unusable invoice data: " + e.getMessage(), e);
        }
    }

    /**
     * Writes each invoice's newest facts among {@code facts}: an older version written before it would change
     * nothing that the newer one does not overwrite.
     */
    public void applyAll(List<InvoiceFacts> facts) {
        Map<String, InvoiceFacts> newest = new LinkedHashMap<>();
        for (InvoiceFacts f : facts) {
            newest.merge(f.invoiceId(), f, (held, next) -> next.version() > held.version() ? next : held);
        }
        ledger.applyInvoiceFacts(List.copyOf(newest.values()));
    }

    private static MalformedEventException malformed(IntegrationEvent event, String why, Exception cause) {
        return new MalformedEventException("event " + event.id() + " " + why, cause);
    }
}
