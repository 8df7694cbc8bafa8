package io.billstream.payment.messaging;

import io.billstream.payment.domain.InvoiceStatus;
import io.billstream.payment.persistence.LedgerRepository;
import io.billstream.platform.events.IntegrationEvent;
import io.billstream.platform.messaging.IntegrationEventCodec;
import io.billstream.platform.messaging.IntegrationEventCodec.MalformedEventException;
import io.billstream.platform.money.CurrencyCodes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

import java.math.BigDecimal;

/**
 * Applies one invoice.* event to the ledger, as one statement that only ever raises the row's invoice version: a
 * redelivery, or an older version arriving late, changes nothing. The version is the mark, so no
 * {@code processed_event} row is written (it was a second write and a transaction per event, docs/benchmarks.md,
 * row 24). Only invoice facts are taken; the amount paid here is never overwritten by an event.
 */
@Service
public class InvoiceLedgerProjection {

    private static final Logger log = LoggerFactory.getLogger(InvoiceLedgerProjection.class);

    private final LedgerRepository ledger;
    private final IntegrationEventCodec codec;

    public InvoiceLedgerProjection(LedgerRepository ledger, IntegrationEventCodec codec) {
        this.ledger = ledger;
        this.codec = codec;
    }

    public void apply(IntegrationEvent event) {
        if (event.type() == null || !event.type().startsWith("invoice.")) {
            return;
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
            boolean changed = ledger.applyInvoiceState(invoice.id(), event.tenantId(), currency, total, status,
                    version, credited);
            log.debug("{} v{} of {} {}", event.type(), version, invoice.id(), changed ? "applied" : "was stale");
        } catch (IllegalArgumentException e) { // bad currency, amount or status: retrying cannot help
            throw malformed(event, "has unusable invoice data: " + e.getMessage(), e);
        }
    }

    private static MalformedEventException malformed(IntegrationEvent event, String why, Exception cause) {
        return new MalformedEventException("event " + event.id() + " " + why, cause);
    }
}
