package io.billstream.payment.messaging;

import io.billstream.payment.domain.InvoiceStatus;
import io.billstream.payment.persistence.LedgerRepository;
import io.billstream.platform.events.IntegrationEvent;
import io.billstream.platform.events.data.InvoiceData;
import io.billstream.platform.messaging.IntegrationEventCodec;
import io.billstream.platform.messaging.IntegrationEventCodec.MalformedEventException;
import io.billstream.platform.messaging.ProcessedEvents;
import io.billstream.platform.money.CurrencyCodes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.math.BigDecimal;

/**
 * Applies one invoice.* event to the ledger. The event id is marked processed in the same transaction, so a
 * redelivery changes nothing; an event older than the row's invoice version (another id, arriving late) is
 * ignored too. Only invoice facts are taken; the amount paid here is never overwritten by an event.
 */
@Service
public class InvoiceLedgerProjection {

    static final String CONSUMER = "payment-service.ledger";
    private static final Logger log = LoggerFactory.getLogger(InvoiceLedgerProjection.class);

    private final ProcessedEvents processed;
    private final LedgerRepository ledger;
    private final IntegrationEventCodec codec;

    public InvoiceLedgerProjection(ProcessedEvents processed, LedgerRepository ledger, IntegrationEventCodec codec) {
        this.processed = processed;
        this.ledger = ledger;
        this.codec = codec;
    }

    @Transactional
    public void apply(IntegrationEvent event) {
        if (event.type() == null || !event.type().startsWith("invoice.")) {
            return;
        }
        if (!processed.markProcessed(CONSUMER, event.id())) {
            log.debug("skipping redelivered event {}", event.id());
            return;
        }
        InvoiceData invoice = codec.data(event, InvoiceData.class);
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
